// Validates every object of a rendered chart (the output of `helm template`) against the Kubernetes schemas,
// offline, with kubernetes-models (and its Gateway API models). Prints JSON: { objects: [...], errors: [...] },
// every object parsed, every error naming the object and the field; exits 1 when any object is invalid.
// YAML 1.1, as Kubernetes reads manifests (sigs.k8s.io/yaml): a bare no, yes, on or off is a boolean there.
// Usage: node validate.mjs <rendered.yaml>
// It lives beside its node_modules: kubernetes-models is ESM, and `import` does not read NODE_PATH.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs <rendered.yaml>");
  process.exit(2);
}

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "") return `kubernetes-models/${version}/${kind}`;
  if (group === "gateway.networking.k8s.io") return `@kubernetes-models/gateway-api/${group}/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

const objects = [];
const errors = [];
for (const document of parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" })) {
  if (document.errors.length > 0) {
    errors.push({ object: "(YAML)", message: document.errors.map((e) => e.message).join("; ") });
    continue;
  }
  const object = document.toJS();
  if (object === null || object === undefined) continue;
  const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    errors.push({ object: name, message: "apiVersion and kind are required" });
    continue;
  }
  objects.push(object);
  let Model;
  try {
    Model = (await import(modulePath(object.apiVersion, object.kind)))[object.kind];
  } catch {
    errors.push({ object: name, message: `no schema for ${object.apiVersion} ${object.kind}` });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    errors.push({ object: name, message: e.message + (e.errors ? " " + JSON.stringify(e.errors) : "") });
  }
}
console.log(JSON.stringify({ objects, errors }));
process.exit(errors.length > 0 ? 1 : 0);
