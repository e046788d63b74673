// Hover texts (Markdown): for a post, person or instrument, the authority in force on the check
// date (area, limits, validity, the chain up to the root); for other declarations, what they are.
import type { Decl, InstrumentDecl, PersonDecl, PostDecl } from '../ast/ast.ts';
import type { WorkspaceModel } from '../model/model.ts';
import { formatMoney } from '../values/money.ts';
import { daysBetween } from '../values/dates.ts';

function chainText(model: WorkspaceModel, i: InstrumentDecl): string {
  const { chain, cycle } = model.ancestry(i);
  const names = chain.map((c) => `\`${c.name}\``);
  const root = chain[0]?.kind === 'delegation' ? [model.rootLabel()] : [];
  return [...root, ...names].join(' → ') + (cycle ? ' (cycle!)' : '');
}

function grantsText(i: InstrumentDecl): string[] {
  return i.grants.map((g) => {
    const limit = g.limit ? formatMoney(g.limit) : 'no monetary limit';
    const review = g.committeeReview ? `; committee review above ${formatMoney(g.committeeReview.above)}${g.committeeReview.committee ? ` by ${g.committeeReview.committee.name}` : ''}` : '';
    return `- \`${g.authority.name}\` up to ${limit}${review}`;
  });
}

function validityText(model: WorkspaceModel, i: InstrumentDecl, asOf: string): string {
  const window = `${i.validFrom?.value ?? '…'} to ${i.validTo?.value ?? 'no end date'}`;
  const state = model.inForce(i, asOf)
    ? `in force on ${asOf}${i.validTo ? ` (${daysBetween(asOf, i.validTo.value)} days left)` : ''}`
    : i.revocation && i.revocation.date.value <= asOf
      ? `revoked on ${i.revocation.date.value}`
      : `**not in force** on ${asOf}`;
  return `valid ${window}: ${state}`;
}

export function instrumentHover(model: WorkspaceModel, i: InstrumentDecl, asOf: string): string {
  const delegate = model.delegateOf(i);
  const lines = [
    `**${i.kind} ${i.name}**${i.title ? ` — ${i.title}` : ''}`,
    '',
    `To ${delegate ? `${delegate.kind} \`${delegate.name}\`${delegate.title ? ` (${delegate.title})` : ''}` : `\`${i.delegate?.name ?? '?'}\``}; ${validityText(model, i, asOf)}.`,
    '',
    ...grantsText(i),
    '',
    `Chain: ${chainText(model, i)}`,
  ];
  if (i.subDelegation) lines.push('', `May sub-delegate${i.subDelegation.gradesText ? ` to grades ${i.subDelegation.gradesText}` : ''}${i.subDelegation.functions.length ? `, functions ${i.subDelegation.functions.map((f) => f.name).join(', ')}` : ''}.`);
  if (i.basis.length) lines.push('', `Basis: ${i.basis.map((b) => b.text).join('; ')}`);
  return lines.join('\n');
}

/** The instruments in force on a date through which a post or a person holds authority. */
export function authorityInForce(model: WorkspaceModel, party: PostDecl | PersonDecl, asOf: string): InstrumentDecl[] {
  const posts = party.kind === 'post' ? [party] : model.postsOf(party, asOf);
  return model.instruments.filter((i) => {
    if (!model.inForce(i, asOf)) return false;
    const d = model.delegateOf(i);
    return d === party || (d?.kind === 'post' && posts.includes(d));
  });
}

function partyHover(model: WorkspaceModel, party: PostDecl | PersonDecl, asOf: string): string {
  const head =
    party.kind === 'post'
      ? `**post ${party.name}**${party.title ? ` — ${party.title}` : ''}\n\n${party.grade?.value ?? 'no grade'}, ${party.entity?.name ?? 'no entity'}; held on ${asOf} by ${model.holdersOf(party, asOf).map((p) => p.title ?? p.name).join(', ') || 'nobody'}`
      : `**person ${party.name}**${party.title ? ` — ${party.title}` : ''}\n\nHolds on ${asOf}: ${model.postsOf(party, asOf).map((p) => `\`${p.name}\``).join(', ') || 'no post'}`;
  const instruments = authorityInForce(model, party, asOf);
  const body = instruments.length
    ? instruments.flatMap((i) => ['', `**${i.name}** (${i.kind}), ${validityText(model, i, asOf)}`, ...grantsText(i), `Chain: ${chainText(model, i)}`])
    : ['', `No authority in force on ${asOf}.`];
  return [head, '', `**Authority in force on ${asOf}**`, ...body].join('\n');
}

export function hoverText(model: WorkspaceModel, decl: Decl, asOf: string): string {
  switch (decl.kind) {
    case 'delegation':
    case 'sub-delegation':
      return instrumentHover(model, decl, asOf);
    case 'post':
    case 'person':
      return partyHover(model, decl, asOf);
    case 'authority': {
      const controls = [
        decl.exclusive && 'exclusive',
        decl.required && `required${decl.requiredIn.length ? ` in ${decl.requiredIn.map((r) => r.name).join(', ')}` : ' in every entity'}`,
        decl.reservedTo && `reserved to \`${decl.reservedTo.name}\``,
        decl.committeeReview && `committee review above ${formatMoney(decl.committeeReview.above)}`,
        decl.cumulative && 'cumulative (amounts to one vendor add up against the limit)',
      ].filter(Boolean);
      const holders = model.instruments.filter((i) => model.inForce(i, asOf) && i.grants.some((g) => g.authority.name === decl.name));
      return `**authority ${decl.name}**${decl.title ? ` — ${decl.title}` : ''}\n\n${controls.length ? controls.join('; ') : 'no particular control'}\n\nGranted on ${asOf} by ${holders.length} instrument${holders.length === 1 ? '' : 's'} in force.`;
    }
    case 'entity':
      return `**entity ${decl.name}**${decl.title ? ` — ${decl.title}` : ''}\n\n${decl.line ? `line of defence ${decl.line.value}` : 'line of defence not stated'}${decl.parent ? `; part of \`${decl.parent.name}\`` : ''}${decl.serviceProvider ? '; service provider' : ''}`;
    default:
      return `**${decl.kind} ${decl.name}**${decl.title ? ` — ${decl.title}` : ''}`;
  }
}
