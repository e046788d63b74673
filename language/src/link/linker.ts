// Name resolution across the workspace. Every `*.doa` file of a workspace shares one namespace (the
// workspace convention: no imports). Authorities are named `area/authority`.
//
// Invariant: linking never throws. An unresolved or ill-typed reference becomes an `UnresolvedRef`,
// a name declared twice a `DuplicateName`; both are turned into findings by rules in `rules/`.
//
// Each reference site is resolved once, here; what it names is kept on the site (`RefSite.target`,
// marked with the table that linked it), so that later questions (`resolve`) about the AST's
// references cost a field read instead of a lookup by name. A site linked since by the table of
// a newer workspace version is resolved by name again, so an older table never reads a newer
// table's answer.
import type { Decl, DeclKind, DocumentAst, Ref, RefSite } from '../ast/ast.ts';
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

type ReferencesTo = Map<Decl, Array<{ uri: string; site: RefSite }>>;

/**
 * The declarations of one name: the declaration itself when the name is declared once (nearly
 * every name: no array of one per declaration), else all of them in declaration order.
 */
type Declared = Decl | Decl[];

const isList = Array.isArray as (declared: Declared) => declared is Decl[];

export class SymbolTable {
  private readonly byName = new Map<string, Declared>();
  private references: ReferencesTo | undefined;
  /** Names declared with each set of kinds sites expect, for suggestions; built on the first miss. */
  private namesByKinds: Map<string, Names> | undefined;
  readonly unresolved: UnresolvedRef[] = [];
  readonly duplicates: DuplicateName[] = [];

  constructor(readonly documents: readonly DocumentAst[]) {
    // Indexed loops: this runs once per workspace version, in the interpreter, where `for … of`
    // makes an iterator result per step (tens of thousands of declarations and references).
    for (let n = 0; n < documents.length; n++) {
      const decls = documents[n]!.decls;
      for (let k = 0; k < decls.length; k++) {
        const decl = decls[k]!;
        this.add(decl);
        if (decl.kind === 'area') for (let a = 0; a < decl.authorities.length; a++) this.add(decl.authorities[a]!);
      }
    }
    for (let n = 0; n < documents.length; n++) {
      const { uri, refs } = documents[n]!;
      for (let k = 0; k < refs.length; k++) this.link(uri, refs[k]!);
    }
  }

  /** Reference sites by declaration, for find-references and rename; built when first asked for. */
  get referencesTo(): ReferencesTo {
    if (this.references) return this.references;
    const references: ReferencesTo = new Map();
    for (const doc of this.documents) {
      for (const site of doc.refs) {
        const match = this.siteTarget(site);
        if (!match) continue;
        let refs = references.get(match);
        if (!refs) references.set(match, (refs = []));
        refs.push({ uri: doc.uri, site });
      }
    }
    return (this.references = references);
  }

  private add(decl: Decl): void {
    const declared = this.byName.get(decl.name);
    if (declared === undefined) this.byName.set(decl.name, decl);
    else if (isList(declared)) {
      declared.push(decl);
      this.duplicates.push({ decl, first: declared[0]! });
    } else {
      this.byName.set(decl.name, [declared, decl]);
      this.duplicates.push({ decl, first: declared });
    }
  }

  private link(uri: string, site: RefSite): void {
    const declared = this.byName.get(site.ref.name);
    if (declared !== undefined && !isList(declared)) {
      // A name declared once: "the first declaration of an expected kind" is that declaration
      // whatever kinds are asked for, so the answer is kept on the site.
      if (site.kinds.includes(declared.kind)) {
        site.linkedBy = this;
        site.target = declared;
        return;
      }
    }
    // An older table's mark is let go: that table then answers by name (the same answer), and a
    // site this table does not mark keeps no older workspace version (its table, its ASTs) alive.
    // A name declared twice is resolved by name, as before linking.
    site.linkedBy = undefined;
    site.target = undefined;
    if (declared !== undefined && isList(declared) && firstOfKinds(declared, site.kinds)) return;
    const unresolved: UnresolvedRef = { uri, site };
    if (declared !== undefined) unresolved.foundKind = (isList(declared) ? declared[0]! : declared).kind;
    else {
      const suggestion = closestWithin(site.ref.name, this.namesOfKinds(site.kinds));
      if (suggestion) unresolved.suggestion = suggestion;
    }
    this.unresolved.push(unresolved);
  }

  /** What a site names: the first declaration of its name of a kind it expects. */
  private siteTarget(site: RefSite): Decl | undefined {
    if (site.linkedBy === this) return site.target;
    return firstDeclared(this.byName.get(site.ref.name), site.kinds);
  }

  private namesOfKinds(kinds: DeclKind[]): Names {
    this.namesByKinds ??= new Map();
    const key = kinds.join();
    let names = this.namesByKinds.get(key);
    if (!names) {
      names = { names: [], lowerLengths: [] };
      for (const [name, declared] of this.byName) {
        if (!firstDeclared(declared, kinds)) continue;
        names.names.push(name);
        names.lowerLengths.push(name.toLowerCase().length);
      }
      this.namesByKinds.set(key, names);
    }
    return names;
  }

  /** The declaration a reference names, if it names one of the expected kinds. */
  resolve<K extends DeclKind>(ref: Ref | undefined, ...kinds: K[]): Extract<Decl, { kind: K }> | undefined {
    return this.resolveIn(ref, kinds);
  }

  /**
   * `resolve` with the kinds as one list, for callers that ask of thousands of declarations (the
   * model): a constant list instead of a rest array made per call.
   */
  resolveIn<K extends DeclKind>(ref: Ref | undefined, kinds: readonly K[]): Extract<Decl, { kind: K }> | undefined {
    if (!ref) return undefined;
    // Any `Ref` may be asked about; only a site this table linked carries its answer.
    const site = ref as Partial<RefSite>;
    if (site.linkedBy === this) {
      const target = site.target!;
      return (kinds as readonly DeclKind[]).includes(target.kind) ? (target as Extract<Decl, { kind: K }>) : undefined;
    }
    return firstDeclared(this.byName.get(ref.name), kinds) as Extract<Decl, { kind: K }> | undefined;
  }

  lookup<K extends DeclKind>(name: string, ...kinds: K[]): Extract<Decl, { kind: K }> | undefined {
    return firstDeclared(this.byName.get(name), kinds) as Extract<Decl, { kind: K }> | undefined;
  }

  /** Every declared name with its declarations in declaration order. */
  *all(): IterableIterator<[string, Decl[]]> {
    for (const [name, declared] of this.byName) yield [name, isList(declared) ? declared : [declared]];
  }
}

function firstOfKinds(candidates: readonly Decl[], kinds: readonly DeclKind[]): Decl | undefined {
  for (const d of candidates) if (kinds.includes(d.kind)) return d;
  return undefined;
}

function firstDeclared(declared: Declared | undefined, kinds: readonly DeclKind[]): Decl | undefined {
  if (declared === undefined) return undefined;
  if (isList(declared)) return firstOfKinds(declared, kinds);
  return kinds.includes(declared.kind) ? declared : undefined;
}

/** Names in declaration order, with the length of each in lower case (as `closest` compares them). */
interface Names {
  names: string[];
  lowerLengths: number[];
}

/**
 * `closest(word, names)`, skipping names that cannot be close enough before the costly comparison:
 * a suggestion is at most a third of the word's length away (at least 1), and the edit distance of
 * two words is at least the difference of their lengths. Same answer, without the quadratic cost
 * of comparing every unresolved name with every declared name.
 */
function closestWithin(word: string, { names, lowerLengths }: Names): string | undefined {
  const slack = Math.max(1, Math.floor(word.length / 3));
  const length = word.toLowerCase().length;
  const near: string[] = [];
  for (let i = 0; i < names.length; i++) if (Math.abs(lowerLengths[i]! - length) <= slack) near.push(names[i]!);
  return closest(word, near);
}
