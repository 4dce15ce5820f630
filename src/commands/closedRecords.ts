import { RecordError } from '../errors.js';
import type { Workspace } from '../model/workspace.js';

/**
 * A discharged person's records are closed (SPEC 5.2): every write about them is refused until
 * they are readmitted. Writes call this before asking anything (startRecording) and again inside
 * the lock on the people the write touches (recordWithLock), so a discharge recorded meanwhile
 * still closes them. `today` is the date the refusal suggests for the readmission.
 */
export function refuseDischarged(ws: Workspace, people: Iterable<string>, today: string): void {
  for (const id of people) {
    const person = ws.people.get(id)?.person?.data;
    if (person?.status !== 'discharged') continue;
    throw new RecordError(
      `${id} was discharged on ${person.discharged ?? '(no date)'}; readmit with \`careplan person readmit ${id} --on ${today}\` first.`,
      `A discharged person's records are closed to new entries, so nothing was written. Complete the records before recording a discharge.`,
    );
  }
}
