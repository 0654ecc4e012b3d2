// Malformed and hostile payloads for the IPC fuzz. Built once per test file: the big ones (10 MB
// strings, a million-element array, 10,000-deep nesting) are shared by reference between calls.

export interface Payload {
  label: string
  value: unknown
}

function deepObject(depth: number): unknown {
  let node: Record<string, unknown> = { leaf: true }
  for (let i = 0; i < depth; i++) node = { a: node }
  return node
}

function deepArray(depth: number): unknown {
  let node: unknown[] = []
  for (let i = 0; i < depth; i++) node = [node]
  return node
}

/** Own `__proto__` / `constructor` / `prototype` keys, as JSON.parse (and IPC deserialisation) produce them. */
export const POLLUTION: Payload[] = [
  { label: 'own __proto__', value: JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true}}') },
  { label: 'constructor.prototype', value: JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}') },
  { label: 'prototype', value: JSON.parse('{"prototype":{"polluted":"yes"}}') },
  { label: 'nested __proto__', value: JSON.parse('{"a":{"b":{"__proto__":{"polluted":"yes"}}}}') },
  { label: '__proto__ array', value: JSON.parse('[{"__proto__":{"polluted":"yes"}}]') },
]

const MB = 1024 * 1024

export function hostileValues(): Payload[] {
  const huge1 = 'A'.repeat(MB)
  const huge10 = '档'.repeat((10 * MB) / 3) // ~10 MB of UTF-8
  const million = new Array<number>(1_000_000).fill(7)
  const sparse: unknown[] = []
  sparse[99_999] = 'x'
  return [
    { label: 'null', value: null },
    { label: 'undefined', value: undefined },
    { label: 'true', value: true },
    { label: 'zero', value: 0 },
    { label: '-1', value: -1 },
    { label: '1.5', value: 1.5 },
    { label: '-0', value: -0 },
    { label: 'NaN', value: Number.NaN },
    { label: 'Infinity', value: Number.POSITIVE_INFINITY },
    { label: '-Infinity', value: Number.NEGATIVE_INFINITY },
    { label: '2^53+2', value: 2 ** 53 + 2 },
    { label: '1e308', value: 1e308 },
    { label: 'bigint', value: 10n },
    { label: '"NaN"', value: 'NaN' },
    { label: '"Infinity"', value: 'Infinity' },
    { label: '"1e999"', value: '1e999' },
    { label: 'empty string', value: '' },
    { label: '1 MB string', value: huge1 },
    { label: '10 MB string', value: huge10 },
    { label: 'NUL and controls', value: '\u0000\u0001\u001b[31m\u202e' },
    { label: 'path traversal', value: '../../../../etc/passwd' },
    { label: 'windows path', value: 'C:\\Windows\\System32\\config\\SAM' },
    { label: 'sql', value: "'; DROP TABLE ip_asset; --" },
    { label: 'fts syntax', value: '"unterminated AND (NEAR( * ^ col: OR NOT -' },
    { label: 'formula', value: '=cmd|\' /C calc\'!A0' },
    { label: 'empty object', value: {} },
    { label: 'empty array', value: [] },
    { label: 'array of 1e6', value: million },
    { label: 'sparse array', value: sparse },
    { label: 'depth 10,000 object', value: deepObject(10_000) },
    { label: 'depth 10,000 array', value: deepArray(10_000) },
    { label: 'Date', value: new Date(0) },
    { label: 'invalid Date', value: new Date(Number.NaN) },
    { label: 'Map', value: new Map([['a', 1]]) },
    { label: 'Set', value: new Set([1]) },
    { label: 'Uint8Array 64 KB', value: new Uint8Array(64 * 1024) },
    { label: 'object with 10,000 keys', value: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) },
    { label: 'RegExp', value: /x/ },
    ...POLLUTION,
  ]
}

/** What JSON can carry to the loopback host, as raw request bodies. */
export function hostileBodies(): Payload[] {
  const depth = 10_000
  return [
    { label: 'deep JSON array', value: '['.repeat(depth) + ']'.repeat(depth) },
    { label: 'deep JSON object', value: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) },
    { label: 'own __proto__', value: '{"__proto__":{"polluted":"yes"}}' },
    { label: 'constructor.prototype', value: '{"constructor":{"prototype":{"polluted":"yes"}}}' },
    { label: 'number', value: '42' },
    { label: 'string', value: '"x"' },
    { label: 'array', value: '[1,2,3]' },
    { label: 'null', value: 'null' },
    { label: 'not JSON', value: '{not json' },
    { label: 'NaN literal', value: '{"id": NaN}' },
    { label: 'lone surrogate', value: '{"q":"\\ud800"}' },
  ]
}
