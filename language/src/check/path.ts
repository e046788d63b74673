// The one path resolver, given to json-rules-engine as its `pathResolver` and used by the compiled
// predicates: `$.a.b[0].c`. Plain property walking, no JSONPath filters (see ARCHITECTURE.md).

const cache = new Map<string, Array<string | number>>();

export function parsePath(path: string): Array<string | number> {
  let parts = cache.get(path);
  if (parts) return parts;
  parts = [];
  const body = path.startsWith('$') ? path.slice(1) : path;
  const re = /\.([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) parts.push(m[1] !== undefined ? m[1] : Number(m[2]));
  cache.set(path, parts);
  return parts;
}

export function resolvePath(value: unknown, path: string): unknown {
  let cur: any = value;
  for (const part of parsePath(path)) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** What json-rules-engine's almanac returns for `{ fact, path }`: paths apply to objects only. */
export function factValue(facts: Record<string, unknown>, fact: string, path: string | undefined): unknown {
  const v = facts[fact];
  if (path && v !== null && typeof v === 'object') return resolvePath(v, path);
  return v;
}

/**
 * `factValue` for one `{ fact, path }`, with the path parsed once: the accessor the compiled
 * predicates call on every subject.
 */
export function compileFactValue(fact: string, path: string | undefined): (facts: Record<string, unknown>) => unknown {
  const parts = path ? parsePath(path) : [];
  if (parts.length === 0) return (facts) => facts[fact];
  const [a, b] = parts as [string | number, string | number];
  if (parts.length === 1) {
    return (facts) => {
      const v: any = facts[fact];
      return v !== null && typeof v === 'object' ? v[a] : v;
    };
  }
  if (parts.length === 2) {
    return (facts) => {
      const v: any = facts[fact];
      if (v === null || typeof v !== 'object') return v;
      const x = v[a];
      return x === null || x === undefined ? undefined : x[b];
    };
  }
  return (facts) => {
    const v: any = facts[fact];
    if (v === null || typeof v !== 'object') return v;
    let cur = v;
    for (const part of parts) {
      if (cur === null || cur === undefined) return undefined;
      cur = cur[part];
    }
    return cur;
  };
}
