// Runs the writer (dist/index.js next to this file) with the client secret read from standard input
// instead of the INPUT_CLIENT-SECRET environment variable. For SSH: a variable set on the ssh command
// line would be part of a command line on the portal host, which other users can list; standard input
// is not. The other inputs come as INPUT_<NAME> variables, as a runner passes them. See README.md, "Over SSH".
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const secret = Buffer.concat(chunks).toString('utf8').trim();
if (secret) process.env['INPUT_CLIENT-SECRET'] = secret;
await import('./dist/index.js');
