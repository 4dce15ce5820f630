import { describe, expect, it } from 'vitest';
import { mentions, otherPeople, Redactor, subjectNames } from '../../src/model/otherPeople.js';
import { workspaceOf } from '../helpers/memory.js';

const person = (id: string, name: string, more = '') => ({
  [`people/${id}/person.yaml`]: `id: ${id}\nname: ${name}\nadmitted: 2026-10-01\nkey_worker: s-ben\nstatus: active\n${more}`,
});

const ws = workspaceOf({
  ...person(
    'p-edith',
    'Edith Clarke',
    'preferred_name: Edie\nrepresentatives:\n  - { name: Jo Clarke, relationship: daughter, authority: other }\n',
  ),
  ...person('p-nora', 'Nora Fitzgerald'),
  ...person('p-norah', 'Norah Clarke', 'representatives:\n  - { name: Sam Lee, relationship: son, authority: other }\n'),
});

describe("other people in a person's records", () => {
  const others = otherPeople(ws, 'p-edith');

  it("are everyone else's ids, names and parts of names, less words the person's own family names use", () => {
    expect(others.ids).toEqual(['p-nora', 'p-norah']);
    expect(others.words).toEqual(['Nora Fitzgerald', 'Norah Clarke', 'Fitzgerald', 'Sam Lee', 'Norah', 'Nora', 'Lee', 'Sam']);
  });

  it('become "another person" as whole words and whole ids, counted; the person and their family stay', () => {
    const r = new Redactor(others);
    expect(r.text("Edie sat with Nora and Norah Clarke; Nora's son Sam Lee visited.")).toBe(
      "Edie sat with another person and another person; another person's son another person visited.",
    );
    expect(r.text('p-nora, p-norah, p-noras, Noradrenaline.')).toBe('another person, another person, p-noras, Noradrenaline.');
    expect(r.replaced).toBe(6);
    expect(r.text('Jo Clarke visited Edith Clarke.')).toBe('Jo Clarke visited Edith Clarke.');
    expect(r.slug('2026-11-02-nora-fitzgerald.yaml')).toBe('2026-11-02-another-person.yaml');
    expect(r.value({ people: ['p-edith', 'p-nora'], note: 'Nora' })).toEqual({
      people: ['p-edith', 'another person'],
      note: 'another person',
    });
  });

  it('the person is mentioned by id, full name, first name or preferred name, not by a surname they share', () => {
    const own = subjectNames(ws, 'p-edith');
    expect(['p-edith came', 'Edith Clarke came', 'Edith came', 'Edie came'].every((t) => mentions(t, own))).toBe(true);
    expect(mentions('Mrs Clarke came', own)).toBe(false);
  });
});
