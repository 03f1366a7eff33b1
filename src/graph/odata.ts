/**
 * An OData string literal for a URL: single quotes doubled (OData v4.0 ABNF, rule SQUOTE-in-string:
 * docs.oasis-open.org/odata/odata/v4.0/errata03/os/complete/abnf/odata-abnf-construction-rules.txt),
 * then percent-encoded, as Graph asks of every query value (learn.microsoft.com/graph/query-parameters,
 * "Encoding query parameters").
 */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}
