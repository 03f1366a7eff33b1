// The floor any Node HTTPS client meets before its first request: import node:https and send the
// request the action sends first (the job's OIDC token), nothing else. bench/measure.ts times it from
// spawn to the request's arrival at the emulator, as it times the action.
import { get } from 'node:https';

get(`${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange`, { headers: { authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } }, (res) => res.resume());
