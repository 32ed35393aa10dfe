// Fails if any field of the generated types is `any` or `unknown`, and reports
// the output fields left nullable (each must have a reason in its description).
import { readFileSync } from "node:fs";

const lines = readFileSync(new URL("generated/schema.ts", import.meta.url), "utf8").split("\n");
let current = null;
const untyped = [];
const nullable = [];
let fields = 0;
for (const line of lines) {
  const start = line.match(/^export type (\w+) = (?:\w+ & )*\{$/);
  if (start) { current = start[1]; continue; }
  if (line === "};") { current = null; continue; }
  const field = current && line.match(/^  (\w+)\??: (.*);$/);
  if (!field) continue;
  fields += 1;
  const [, name, type] = field;
  if (/\b(any|unknown)\b/.test(type)) untyped.push(`${current}.${name}: ${type}`);
  if (!current.endsWith("Args") && name !== "__typename" && type.startsWith("Maybe<")) {
    nullable.push(`${current}.${name}`);
  }
}
console.log(`${lines.length} lines, ${fields} fields; output fields left nullable: ${nullable.length}`);
for (const name of nullable) console.log(`  ${name}`);
if (untyped.length) {
  console.error(`Fields typed any or unknown:\n  ${untyped.join("\n  ")}`);
  process.exit(1);
}
if (fields < 200) {
  console.error("Too few fields generated: is schema.graphql complete?");
  process.exit(1);
}
