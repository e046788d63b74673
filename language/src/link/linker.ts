// Name resolution across the workspace. Every `*.doa` file of a workspace shares one namespace (the
// workspace convention: no imports). Authorities are named `area/authority`.
//
// Invariant: linking never throws. An unresolved or ill-typed reference becomes an `UnresolvedRef`,
// a name declared twice a `DuplicateName`; both are turned into findings by rules in `rules/`.
import type { AuthorityDecl, Decl, DeclKind, DocumentAst, Ref, RefSite } from '../ast/ast.ts';
import { closest } from '../util/closest.ts';

export interface UnresolvedRef {
  uri: string;
  site: RefSite;
  /** The kind of what the name does name, when it names the wrong kind of thing. */
  foundKind?: DeclKind;
  suggestion?: string;
}

export interface DuplicateName {
  decl: Decl;
  first: Decl;
}

export class SymbolTable {
  private readonly byName = new Map<string, Decl[]>();
  /** Reference sites by declaration, for find-references and rename. */
  readonly referencesTo = new Map<Decl, Array<{ uri: string; site: RefSite }>>();
  readonly unresolved: UnresolvedRef[] = [];
  readonly duplicates: DuplicateName[] = [];

  constructor(readonly documents: readonly DocumentAst[]) {
    for (const doc of documents) {
      for (const decl of doc.decls) {
        this.add(decl);
        if (decl.kind === 'area') for (const a of decl.authorities) this.add(a);
      }
    }
    for (const doc of documents) {
      for (const site of doc.refs) this.link(doc.uri, site);
    }
  }

  private add(decl: Decl): void {
    const list = this.byName.get(decl.name);
    if (list) {
      list.push(decl);
      this.duplicates.push({ decl, first: list[0]! });
    } else this.byName.set(decl.name, [decl]);
  }

  private link(uri: string, site: RefSite): void {
    const candidates = this.byName.get(site.ref.name);
    const match = candidates?.find((d) => site.kinds.includes(d.kind));
    if (match) {
      let refs = this.referencesTo.get(match);
      if (!refs) this.referencesTo.set(match, (refs = []));
      refs.push({ uri, site });
      return;
    }
    const unresolved: UnresolvedRef = { uri, site };
    if (candidates?.length) unresolved.foundKind = candidates[0]!.kind;
    else {
      const names = [...this.byName.entries()].filter(([, ds]) => ds.some((d) => site.kinds.includes(d.kind))).map(([n]) => n);
      const suggestion = closest(site.ref.name, names);
      if (suggestion) unresolved.suggestion = suggestion;
    }
    this.unresolved.push(unresolved);
  }

  /** The declaration a reference names, if it names one of the expected kinds. */
  resolve<K extends DeclKind>(ref: Ref | undefined, ...kinds: K[]): Extract<Decl, { kind: K }> | undefined {
    if (!ref) return undefined;
    return this.lookup(ref.name, ...kinds);
  }

  lookup<K extends DeclKind>(name: string, ...kinds: K[]): Extract<Decl, { kind: K }> | undefined {
    const candidates = this.byName.get(name);
    return candidates?.find((d) => (kinds as DeclKind[]).includes(d.kind)) as Extract<Decl, { kind: K }> | undefined;
  }

  all(): IterableIterator<[string, Decl[]]> {
    return this.byName.entries();
  }

  authorities(): AuthorityDecl[] {
    const out: AuthorityDecl[] = [];
    for (const [, decls] of this.byName) for (const d of decls) if (d.kind === 'authority') out.push(d);
    return out;
  }
}
