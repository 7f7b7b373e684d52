// The shim's own tests: each documented Cosmos behaviour it emulates, over HTTP as the SDK sends it.
//   node --test   (from tools/cosmos)
import assert from "node:assert/strict";
import https from "node:https";
import { after, before, test } from "node:test";
import { createServer } from "./server.mjs";
import { removeExpired } from "./shim.mjs";

let server;
let port;
const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

before(async () => {
  server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = server.address().port;
  await call("POST", "/dbs", {}, { id: "db" });
  await call("POST", "/dbs/db/colls", {}, { id: "items", partitionKey: { paths: ["/tenantId"], kind: "Hash" }, defaultTtl: -1 });
});

after(() => {
  agent.destroy();
  server.close();
});

function call(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "127.0.0.1", port, path, method, agent, headers: { "content-type": "application/json", ...headers } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString() || "null") }));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const pk = (value) => ({ "x-ms-documentdb-partitionkey": JSON.stringify([value]) });
const create = (doc) => call("POST", "/dbs/db/colls/items/docs", pk(doc.tenantId), doc);
const query = (sql, parameters, headers) =>
  call("POST", "/dbs/db/colls/items/docs", { "x-ms-documentdb-isquery": "True", ...headers }, { query: sql, parameters });
const batch = (tenant, operations) =>
  call("POST", "/dbs/db/colls/items/docs", { "x-ms-cosmos-is-batch-request": "True", "x-ms-cosmos-batch-atomic": "True", ...pk(tenant) }, operations);

test("the query plan passes the server's results through and marks SELECT VALUE", async () => {
  const res = await query("SELECT VALUE COUNT(1) FROM c", [], { "x-ms-cosmos-is-query-plan-request": "True" });
  assert.equal(res.status, 200);
  assert.equal(res.body.queryInfo.hasSelectValue, true);
  assert.deepEqual(res.body.queryInfo.orderBy, []);
  assert.deepEqual(res.body.queryRanges, [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]);
});

test("a query with a partition key sees that partition only; one without sees all", async () => {
  await create({ id: "q1", tenantId: "qa", kind: "k" });
  await create({ id: "q1", tenantId: "qb", kind: "k" });
  const scoped = await query("SELECT * FROM c WHERE c.kind = 'k'", [], pk("qa"));
  assert.deepEqual(scoped.body.Documents.map((d) => d.tenantId), ["qa"]);
  const all = await query("SELECT * FROM c WHERE c.kind = 'k'", [], { "x-ms-documentdb-query-enablecrosspartition": "True" });
  assert.deepEqual(all.body.Documents.map((d) => d.tenantId).sort(), ["qa", "qb"]);
});

test("TOP takes a parameter, DISTINCT removes duplicates, and pages continue where they stopped", async () => {
  for (const i of [1, 2, 3]) await create({ id: `t${i}`, tenantId: "top", n: i, colour: i === 3 ? "red" : "blue" });
  const top = await query("SELECT TOP @limit VALUE c.n FROM c ORDER BY c.n", [{ name: "@limit", value: 2 }], pk("top"));
  assert.deepEqual(top.body.Documents, [1, 2]);
  const distinct = await query("SELECT DISTINCT VALUE c.colour FROM c", [], pk("top"));
  assert.deepEqual(distinct.body.Documents.sort(), ["blue", "red"]);
  const first = await query("SELECT VALUE c.n FROM c ORDER BY c.n", [], { ...pk("top"), "x-ms-max-item-count": "2" });
  assert.deepEqual(first.body.Documents, [1, 2]);
  const rest = await query("SELECT VALUE c.n FROM c ORDER BY c.n", [], {
    ...pk("top"), "x-ms-max-item-count": "2", "x-ms-continuation": first.headers["x-ms-continuation"],
  });
  assert.deepEqual(rest.body.Documents, [3]);
  assert.equal(rest.headers["x-ms-continuation"], undefined);
});

test("a failing batch is 207 with 424 for the others and leaves nothing behind", async () => {
  await create({ id: "taken", tenantId: "bt" });
  const res = await batch("bt", [
    { operationType: "Create", resourceBody: { id: "new", tenantId: "bt" } },
    { operationType: "Create", resourceBody: { id: "taken", tenantId: "bt" } },
  ]);
  assert.equal(res.status, 207);
  assert.deepEqual(res.body.map((r) => r.statusCode), [424, 409]);
  assert.equal((await call("GET", "/dbs/db/colls/items/docs/new", pk("bt"))).status, 404);
});

test("a batch may patch, and its item must be in the batch's partition", async () => {
  await create({ id: "counter", tenantId: "bp", count: 1 });
  const ok = await batch("bp", [{ operationType: "Patch", id: "counter", resourceBody: { operations: [{ op: "incr", path: "/count", value: 2 }] } }]);
  assert.equal(ok.status, 200);
  assert.equal((await call("GET", "/dbs/db/colls/items/docs/counter", pk("bp"))).body.count, 3);
  const foreign = await batch("bp", [{ operationType: "Upsert", resourceBody: { id: "x", tenantId: "elsewhere" } }]);
  assert.equal(foreign.status, 207);
  assert.deepEqual(foreign.body.map((r) => r.statusCode), [400]);
});

test("a patch predicate is evaluated on the target item alone, case and all", async () => {
  await create({ id: "same", tenantId: "pa", sequence: 1, state: "Open" });
  await create({ id: "same", tenantId: "pb", sequence: 2, state: "Open" });
  const patch = (condition) => call("PATCH", "/dbs/db/colls/items/docs/same", pk("pa"),
    { operations: [{ op: "set", path: "/sequence", value: 9 }], condition });
  assert.equal((await patch("FROM c WHERE c.sequence = 2")).status, 412, "pb's item must not satisfy it");
  assert.equal((await patch("FROM c WHERE c.state = 'Open' AND c.sequence = 1")).status, 200);
  assert.equal((await call("GET", "/dbs/db/colls/items/docs/same", pk("pa"))).body.sequence, 9);
});

test("reading a missing item is 404, not 500", async () => {
  const res = await call("GET", "/dbs/db/colls/items/docs/nothing", pk("nobody"));
  assert.equal(res.status, 404);
  assert.equal(res.body.code, "NotFound");
});

test("an item whose ttl has passed is gone from reads and queries", async () => {
  const created = await create({ id: "brief", tenantId: "ttl", ttl: 1 });
  assert.equal(created.status, 201);
  // Over HTTP: the server removes expired items before each request, judged by the wall clock.
  await new Promise((r) => setTimeout(r, 2100));
  assert.equal((await call("GET", "/dbs/db/colls/items/docs/brief", pk("ttl"))).status, 404);
});

test("removeExpired keeps items without a ttl when the container has no default, and drops expired ones", () => {
  const items = new Map();
  const docs = [{ id: "keep", tenantId: "t", _ts: 100 }, { id: "gone", tenantId: "t", _ts: 100, ttl: 5 }];
  docs.forEach((d) => items.set(d.id, { read: () => d }));
  const deleted = [];
  const collection = {
    read: () => ({ defaultTtl: -1 }),
    documents: { _data: items, _getPartition: (d) => d.tenantId, delete: (id) => deleted.push(id) },
  };
  removeExpired(collection, 104);
  assert.deepEqual(deleted, []);
  removeExpired(collection, 105);
  assert.deepEqual(deleted, ["gone"]);
});
