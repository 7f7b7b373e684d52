// A Cosmos DB compatible endpoint for the Cosmos contract suites: @vercel/cosmosdb-server's in-memory account and
// routes, with the requests it gets wrong for the Java SDK answered by shim.mjs. HTTPS with the package's own
// self-signed localhost certificate (the SDK is told to accept it, as it does for the Cosmos emulator).
//   node server.mjs [port]      (default 8081, the emulator's port; prints "ready" when it listens)
//   COSMOS_SHIM_TRACE=1 logs each request with its status.
import { readFileSync } from "node:fs";
import https from "node:https";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { partitionKeyOf, patchDocument, queryPlan, readDocument, removeExpired, runBatch, runQuery } from "./shim.mjs";

const require = createRequire(import.meta.url);
const lib = "@vercel/cosmosdb-server/lib";
const Account = require(`${lib}/account`).default;
const route = require(`${lib}/routes`).default;
const readItems = require(`${lib}/handler/_read-items`).default;
const certDir = require.resolve("@vercel/cosmosdb-server/package.json").replace(/package\.json$/, "");

const isTrue = (req, name) => String(req.headers[name] || "").toLowerCase() === "true";

async function bodyOf(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
}

/** The shim's answer for the requests it handles itself, or undefined to let the server's own handler answer. */
async function shimmed(account, req, res, method, params) {
  const collection = params.collId ? account.database(params.dbId).collection(params.collId) : undefined;
  if (collection && collection.read()) removeExpired(collection);
  const onDocs = collection && params.docId === undefined && /\/docs$/.test(req.url.split("?")[0].replace(/\/+$/, ""));
  if (method === "POST_QUERY" && onDocs) {
    const query = await bodyOf(req);
    if (isTrue(req, "x-ms-cosmos-is-query-plan-request")) return queryPlan(query.query);
    return readItems(req, res, "Documents", async (paging) => {
      if (!collection.read()) return null;
      const { page, continuation } = runQuery(collection, query, partitionKeyOf(req.headers), paging);
      return { result: page, continuation };
    });
  }
  if (method === "POST_BATCH" && onDocs) {
    if (!collection.read()) return status(res, 404, {});
    const { statusCode, body } = runBatch(collection, await bodyOf(req), partitionKeyOf(req.headers));
    return status(res, statusCode, body);
  }
  if (method === "PATCH" && params.docId !== undefined && collection) {
    if (!collection.read()) return status(res, 404, { code: "NotFound", message: "" });
    const body = await bodyOf(req);
    const patch = Array.isArray(body) ? { operations: body } : body;
    const { statusCode, body: answer } = patchDocument(collection, {
      id: params.docId, partitionKey: partitionKeyOf(req.headers), ifMatch: req.headers["if-match"], ...patch,
    });
    return status(res, statusCode, answer);
  }
  if (method === "GET" && params.docId !== undefined && collection) {
    if (!collection.read()) return status(res, 404, { code: "NotFound", message: "" });
    const { statusCode, body } = readDocument(collection, params.docId, partitionKeyOf(req.headers));
    return status(res, statusCode, body);
  }
  return undefined;
}

function status(res, code, body) {
  res.statusCode = code;
  return body;
}

function methodOf(req) {
  if (req.method !== "POST") return req.method;
  if (isTrue(req, "x-ms-documentdb-isquery") || req.headers["content-type"] === "application/query+json") return "POST_QUERY";
  if (isTrue(req, "x-ms-documentdb-is-upsert")) return "POST_UPSERT";
  if (isTrue(req, "x-ms-cosmos-is-batch-request")) return "POST_BATCH";
  return "POST";
}

export function createServer() {
  let account;
  const server = https.createServer({
    cert: readFileSync(`${certDir}cert.pem`),
    key: readFileSync(`${certDir}key.pem`),
    keepAlive: true,
  }, (req, res) => {
    if (process.env.COSMOS_SHIM_TRACE) res.on("finish", () => console.log(req.method, methodOf(req), req.url, res.statusCode));
    (async () => {
      const found = route(req);
      let body;
      if (!found) {
        res.statusCode = 400;
        body = { message: "no route" };
      } else {
        const [params, handler] = found;
        try {
          body = await shimmed(account, req, res, methodOf(req), params);
          if (body === undefined) body = await handler(account, req, res, params);
        } catch (err) {
          console.error(err);
          res.statusCode = err.badRequest ? 400 : 500;
          body = { code: err.badRequest ? "BadRequest" : "InternalServerError", message: err.message };
        }
      }
      if (body && body._etag) res.setHeader("etag", body._etag);
      res.setHeader("content-type", "application/json");
      res.setHeader("x-ms-activity-id", randomUUID());
      res.setHeader("x-ms-request-charge", "1");
      res.end(JSON.stringify(body === undefined ? {} : body));
    })().catch((err) => {
      console.error(err);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end("");
      }
    });
  });
  server.on("listening", () => {
    // The account advertises its own endpoint; the SDK then sends everything there, so it must be the name the
    // client used, not the loopback address.
    account = new Account("localhost", server.address().port);
  });
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] || 8081);
  createServer().listen(port, "127.0.0.1", () => console.log(`ready on https://localhost:${port}/`));
}
