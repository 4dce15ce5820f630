import type { Workspace } from './workspace.js';
import { compareText } from './textOrder.js';

/**
 * Other people in a person's records (SPEC 5.6): a subject access answer gives the person what the
 * home holds about them and nothing about anyone else, so the ids and names of the other people
 * the home supports, and of their representatives, become "another person" wherever they appear.
 * Staff are named: they act for the home, and who did what is part of the answer.
 */

export const ANOTHER_PERSON = 'another person';

export interface Names {
  /** Person ids, matched as whole ids. */
  ids: string[];
  /** Names and parts of names, matched as whole words, case as written. */
  words: string[];
}

const LETTER = '[\\p{L}\\p{N}]';
const ID_CHAR = '[a-z0-9-]';
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole names and their parts of two letters or more: "Walter Hughes" gives Walter Hughes, Walter, Hughes. */
function nameWords(name: string | undefined): string[] {
  if (!name?.trim()) return [];
  const whole = name.trim().replace(/\s+/g, ' ');
  return [whole, ...whole.split(' ').filter((part) => part.replace(/[^\p{L}]/gu, '').length >= 2)];
}

/** The names a person's folder gives: their own, their preferred name, their representatives'. */
function namesOf(ws: Workspace, id: string): Names {
  const person = ws.people.get(id)?.person?.data;
  return {
    ids: [id],
    words: [person?.name, person?.preferred_name, ...(person?.representatives ?? []).map((r) => r.name)].flatMap(nameWords),
  };
}

/** The subject's own names: what mentions them (own name, preferred name, first name; not a surname they share with family). */
export function subjectNames(ws: Workspace, id: string): Names {
  const person = ws.people.get(id)?.person?.data;
  const own = nameWords(person?.name);
  return { ids: [id], words: [...(own.length ? [own[0], own[1]] : []), ...(person?.preferred_name ? [person.preferred_name.trim()] : [])] };
}

/**
 * Everyone else's ids and names, less any word the subject's own names or their representatives'
 * also use (a surname shared with a daughter names them too).
 */
export function otherPeople(ws: Workspace, subject: string): Names {
  const own = new Set(namesOf(ws, subject).words);
  const ids = new Set<string>();
  const words = new Set<string>();
  for (const id of ws.people.keys()) {
    if (id === subject) continue;
    const names = namesOf(ws, id);
    names.ids.forEach((i) => ids.add(i));
    for (const w of names.words) if (!own.has(w)) words.add(w);
  }
  return { ids: [...ids].sort(), words: [...words].sort((a, b) => b.length - a.length || compareText(a, b)) };
}

/** A matcher for any of the names: ids as whole ids, words as whole words; longest first. */
export function namesPattern(names: Names): RegExp | undefined {
  const parts = [
    ...[...names.ids].sort((a, b) => b.length - a.length).map((id) => `(?<!${ID_CHAR})${literal(id)}(?!${ID_CHAR})`),
    ...names.words.map((w) => `(?<!${LETTER})${literal(w)}(?!${LETTER})`),
  ];
  return parts.length ? new RegExp(parts.join('|'), 'gu') : undefined;
}

/** Whether the text names anyone of `names`. */
export function mentions(text: string, names: Names): boolean {
  const pattern = namesPattern(names);
  return pattern ? new RegExp(pattern.source, 'u').test(text) : false;
}

/** Replaces other people's ids and names with "another person"; counts how many it replaced. */
export class Redactor {
  private readonly pattern?: RegExp;
  private readonly slugPattern?: RegExp;
  replaced = 0;

  constructor(readonly others: Names) {
    this.pattern = namesPattern(others);
    const slugs = [...new Set(others.words.map(slugOf).filter((s) => s.length >= 2))].sort((a, b) => b.length - a.length);
    this.slugPattern =
      slugs.length || others.ids.length
        ? new RegExp([...others.ids, ...slugs].map((s) => `(?<![a-z0-9])${literal(s)}(?![a-z0-9])`).join('|'), 'g')
        : undefined;
  }

  text(text: string): string {
    if (!this.pattern) return text;
    return text.replace(this.pattern, () => {
      this.replaced++;
      return ANOTHER_PERSON;
    });
  }

  /** A file name's slug (feedback/2026-11-21-susan-pemberton.yaml): names in it become another-person. */
  slug(text: string): string {
    if (!this.slugPattern) return text;
    return text.replace(this.slugPattern, () => {
      this.replaced++;
      return 'another-person';
    });
  }

  /** Every string in a value, keys kept. */
  value<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.value(v)])) as T;
    return value;
  }
}

/** "Walter Hughes" → walter-hughes, as file names write a name. */
export const slugOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
