// The Cosmos DB behaviour @vercel/cosmosdb-server lacks and the Java SDK relies on, emulated over the server's
// own in-memory account. Each function names the documented Cosmos behaviour it stands in for; shim.test.mjs
// checks each one over HTTP.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const lib = "@vercel/cosmosdb-server/lib";
const { patchOperation } = require(`${lib}/handler/_patch-operations`);
const documentOperations = require(`${lib}/handler/_document-operations`);

export const PARTITION_KEY_HEADER = "x-ms-documentdb-partitionkey";

/** The partition key value a request names, or undefined when it names none (a cross-partition request). */
export function partitionKeyOf(headers) {
  const raw = headers[PARTITION_KEY_HEADER];
  if (!raw || raw === "[{}]") return undefined;
  const parsed = JSON.parse(Array.isArray(raw) ? raw[0] : raw);
  return Array.isArray(parsed) ? parsed[0] : parsed;
}

/**
 * Query plan. The SDK asks the gateway for a plan before running a query (header
 * x-ms-cosmos-is-query-plan-request) and merges results across partition key ranges as the plan says. This
 * account has one range, so the server's own results are already final: the plan is a pass-through over the
 * whole key space. DISTINCT is the exception, because the server's parser does not know it; the shim runs it
 * (see runQuery), so the plan still passes through.
 */
export function queryPlan(query) {
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: /^\s*SELECT\s+(DISTINCT\s+)?(TOP\s+\S+\s+)?VALUE\b/i.test(query),
      dCountInfo: null,
      hasNonStreamingOrderBy: false,
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
  };
}

/**
 * Time to live. A container's defaultTtl (-1: on, items choose; n: seconds; absent: off) and an item's own ttl
 * decide when an item expires, counted from its _ts. Cosmos deletes expired items in the background and never
 * returns them to reads or queries in the meantime; removing them before each request gives the same view.
 */
export function removeExpired(collection, nowSeconds = Date.now() / 1000) {
  const props = collection.read();
  if (!props || props.defaultTtl === undefined || props.defaultTtl === null) return;
  const items = collection.documents;
  for (const item of [...items._data.values()]) {
    const doc = item.read();
    const ttl = doc.ttl !== undefined && doc.ttl !== null ? doc.ttl : props.defaultTtl;
    if (ttl > 0 && doc._ts + ttl <= nowSeconds) items.delete(doc.id, items._getPartition(doc));
  }
}

/**
 * Queries. A query that names a partition key sees only that partition's items; one that names none sees them
 * all. `TOP @param` takes its number from the parameters (the server's parser reads it as TOP 0), and DISTINCT
 * (unknown to the server) removes duplicate results by value. Pages are slices of the full result with an
 * offset as the continuation token, which the SDK treats as opaque.
 */
export function runQuery(collection, { query, parameters = [] }, partitionKey, { maxItemCount, continuation }) {
  const items = collection.documents;
  const inScope = [...items._data.values()]
    .map((item) => item.read())
    .filter((doc) => partitionKey === undefined || items._getPartition(doc) === partitionKey);
  const distinct = /^\s*SELECT\s+DISTINCT\s+/i.test(query);
  const sql = query
    .replace(/^\s*SELECT\s+DISTINCT\s+/i, "SELECT ")
    .replace(/\bTOP\s+(@\w+)/i, (_, name) => `TOP ${Number(parameterValue(parameters, name))}`);
  const compositeIndexes = (collection.read().indexingPolicy || {}).compositeIndexes || [];
  let results = items._getQuery(sql).exec(inScope, { parameters, compositeIndexes }).result;
  if (distinct) {
    const seen = new Set();
    results = results.filter((r) => !seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r)));
  }
  const offset = continuation ? Number(continuation.offset) : 0;
  const size = maxItemCount && maxItemCount > 0 ? maxItemCount : results.length;
  const page = results.slice(offset, offset + size);
  const next = offset + page.length < results.length ? { offset: offset + page.length } : null;
  return { page, continuation: next };
}

function parameterValue(parameters, name) {
  const found = parameters.find((p) => p.name === name);
  if (!found) throw Object.assign(new Error(`parameter ${name} is not given`), { badRequest: true });
  return found.value;
}

/**
 * Transactional batch. Cosmos runs a batch's operations in order inside one partition and commits all or none:
 * when one fails the response is 207 Multi-Status, that operation carries its own status, every other one 424
 * Failed Dependency, and nothing the batch did is visible. Patch operations are allowed in a batch, and every
 * operation's item must belong to the batch's partition key (400 otherwise).
 */
export function runBatch(collection, operations, partitionKey) {
  const items = collection.documents;
  const before = { data: new Map(items._data), index: new Map(items._index), ridCount: items._ridCount };
  const results = [];
  for (const op of operations) {
    const result = runOperation(collection, op, partitionKey);
    results.push(result);
    if (result.statusCode >= 400) {
      items._data = before.data;
      items._index = before.index;
      items._ridCount = before.ridCount;
      return {
        statusCode: 207,
        body: operations.map((_, i) =>
          i === results.length - 1
            ? { statusCode: result.statusCode, requestCharge: 0, resourceBody: result.body }
            : { statusCode: 424, requestCharge: 0 }),
      };
    }
  }
  return {
    statusCode: 200,
    body: results.map((r) => ({
      statusCode: r.statusCode,
      requestCharge: 1,
      eTag: r.body ? r.body._etag : undefined,
      resourceBody: r.body,
    })),
  };
}

function runOperation(collection, op, partitionKey) {
  const pk = JSON.stringify([partitionKey]);
  const body = op.resourceBody;
  if (body && body.id && ["Create", "Upsert", "Replace"].includes(op.operationType)
      && collection.documents._getPartition(body) !== partitionKey) {
    return { statusCode: 400, body: { code: "BadRequest", message: "PartitionKey extracted from document doesn't match the one specified in the header." } };
  }
  const input = { ...op, partitionKey: pk };
  switch (op.operationType) {
    case "Create": return documentOperations.createOperation(collection, input);
    case "Upsert": return documentOperations.upsertOperation(collection, input);
    case "Replace": return documentOperations.replaceOperation(collection, input);
    case "Read": return documentOperations.readOperation(collection, input);
    case "Delete": return documentOperations.deleteOperation(collection, input);
    case "Patch":
      return patchDocument(collection, { id: op.id, partitionKey, ifMatch: op.ifMatch, ...body });
    default:
      return { statusCode: 400, body: { code: "BadRequest", message: `Operation type '${op.operationType}' is not supported in Batch.` } };
  }
}

/**
 * Patch. A filter predicate ("FROM c WHERE ...") is evaluated against the target item alone, and a patch whose
 * predicate does not hold is refused with 412 Precondition Failed. (The server evaluates it across the whole
 * container by id, so an item with the same id in another partition could satisfy it, and it lower-cases the
 * predicate, string literals included.)
 */
export function patchDocument(collection, { id, partitionKey, ifMatch, operations, condition }) {
  const current = readDocument(collection, id, partitionKey);
  if (current.statusCode !== 200) return current;
  if (condition) {
    const holds = collection.documents._getQuery(`SELECT * ${condition}`).exec([current.body], {}).result.length > 0;
    if (!holds) {
      return { statusCode: 412, body: { code: "PreconditionFailed", message: "Condition specified in the patch request is not satisfied." } };
    }
  }
  return patchOperation(collection, { id, partitionKey: JSON.stringify([partitionKey]), ifMatch, operations });
}

/** Point read. A missing item is 404 NotFound (the server throws on it and answers 500). */
export function readDocument(collection, id, partitionKey) {
  const items = collection.documents;
  const doc = items._data.get(items._toRid("/id", id, partitionKey === undefined ? id : partitionKey));
  const found = doc && doc.read();
  if (!found || (partitionKey !== undefined && items._getPartition(found) !== partitionKey)) {
    return { statusCode: 404, body: { code: "NotFound", message: "Entity with the specified id does not exist in the system." } };
  }
  return { statusCode: 200, body: found };
}
