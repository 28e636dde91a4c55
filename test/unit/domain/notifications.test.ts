import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPEAT_DAYS,
  digestMessage,
  historyWindowStart,
  planDigests,
  repeatDaysFrom,
  type SentDigest,
} from '../../../src/domain/notifications.js';
import type { Task, TaskUrgency } from '../../../src/domain/tasks/types.js';

const EVA = 'eva.ek@exempelkommun.se';
const OLLE = 'olle.berg@exempelkommun.se';
// 2026-03-10 09:00 in Stockholm (CET).
const NOW = new Date('2026-03-10T08:00:00Z');

function task(id: string, urgency: TaskUrgency, assignees: string[] = [EVA], reason = `Uppgift ${id}`): Task {
  return {
    id,
    rule: 'review',
    assignees,
    due: urgency === 'försenad' ? '2026-03-01T23:59:59+01:00' : '2026-03-20T23:59:59+01:00',
    severity: 'medel',
    reason,
    reasonEn: reason,
    link: '/systems/1',
    subject: { list: 'systems', id: 1, title: 'System' },
    department: null,
    urgency,
  };
}

function sent(taskIds: string[], sentAt: string, recipient = EVA, status: SentDigest['status'] = 'skickad'): SentDigest {
  return { recipient, taskIds, sentAt, status };
}

describe('planDigests', () => {
  it('sends one digest per recipient with overdue and new tasks, not the later ones', () => {
    const digests = planDigests({
      tasks: [task('a', 'snart', [EVA, OLLE]), task('b', 'försenad'), task('c', 'senare')],
      sent: [],
      repeatDays: 7,
      now: NOW,
    });
    expect(digests.map((d) => d.recipient)).toEqual([EVA, OLLE]);
    const eva = digests[0]!;
    expect(eva.key).toBe(`${EVA}|2026-03-10`);
    // Overdue first.
    expect(eva.taskIds).toEqual(['b', 'a']);
    expect(eva.overdue).toBe(1);
    expect(eva.message).toBe('Du har 2 uppgifter i Systemkoll, 1 försenad: Uppgift b (och 1 till)');
    expect(eva.templateParameters).toEqual({ task: 'Uppgift b (och 1 till)', dueDate: '2026-03-01' });
    expect(eva.route).toBe('/tasks');
    expect(digests[1]!.message).toBe('Du har 1 ny uppgift i Systemkoll: Uppgift a');
  });

  it('gives no digest when there is nothing to send', () => {
    expect(planDigests({ tasks: [], sent: [], repeatDays: 7, now: NOW })).toEqual([]);
    expect(planDigests({ tasks: [task('c', 'senare')], sent: [], repeatDays: 7, now: NOW })).toEqual([]);
    // Everything told today already: the second run of the day sends nothing.
    const tasks = [task('a', 'snart'), task('b', 'försenad')];
    expect(planDigests({ tasks, sent: [sent(['a', 'b'], '2026-03-10T07:00:00Z')], repeatDays: 7, now: NOW })).toEqual([]);
  });

  it('repeats an overdue task on the day the interval has passed, not the day before', () => {
    const tasks = [task('b', 'försenad')];
    // Told on 2026-03-03 (late evening in Stockholm, still the 3rd) — seven days before is the 3rd.
    const history = [sent(['b'], '2026-03-03T22:30:00Z')]; // 23:30 CET, 3 March
    const dayBefore = planDigests({ tasks, sent: history, repeatDays: 7, now: new Date('2026-03-09T22:59:00Z') }); // 23:59 on 9 March
    expect(dayBefore).toEqual([]);
    const onTheDay = planDigests({ tasks, sent: history, repeatDays: 7, now: new Date('2026-03-09T23:00:00Z') }); // 00:00 on 10 March
    expect(onTheDay.map((d) => d.taskIds)).toEqual([['b']]);
    const after = planDigests({ tasks, sent: history, repeatDays: 7, now: new Date('2026-03-12T08:00:00Z') });
    expect(after.map((d) => d.key)).toEqual([`${EVA}|2026-03-12`]);
  });

  it('tells a new task once, and only digests that were delivered count', () => {
    const tasks = [task('a', 'snart')];
    expect(planDigests({ tasks, sent: [sent(['a'], '2026-02-20T08:00:00Z')], repeatDays: 7, now: NOW })).toEqual([]);
    // Another person's digest, one still being sent or one that failed does not hold it back.
    const others = [
      sent(['a'], '2026-03-09T08:00:00Z', OLLE),
      { recipient: EVA, taskIds: ['a'], sentAt: null, status: 'skickas' as const },
      sent(['a'], '2026-03-09T08:00:00Z', EVA, 'misslyckad'),
    ];
    expect(planDigests({ tasks, sent: others, repeatDays: 7, now: NOW }).map((d) => d.recipient)).toEqual([EVA]);
  });

  it('counts the interval from the latest time a task was told', () => {
    const tasks = [task('b', 'försenad')];
    const history = [sent(['b'], '2026-02-01T08:00:00Z'), sent(['b'], '2026-03-05T08:00:00Z')];
    expect(planDigests({ tasks, sent: history, repeatDays: 7, now: NOW })).toEqual([]);
  });

  it('keeps the preview within the 150 characters Graph allows', () => {
    const long = task('b', 'försenad', [EVA], 'Mycket lång beskrivning '.repeat(20));
    const [digest] = planDigests({ tasks: [long, task('x', 'försenad')], sent: [], repeatDays: 7, now: NOW });
    expect(digest!.message.length).toBeLessThanOrEqual(150);
    expect(digest!.message).toMatch(/^Du har 2 försenade uppgifter i Systemkoll: Mycket lång.*… \(och 1 till\)$/);
    expect(digest!.templateParameters.task.length).toBeLessThanOrEqual(100);
  });
});

describe('digest helpers', () => {
  it('words the count in plain Swedish', () => {
    expect(digestMessage([task('a', 'försenad')])).toBe('Du har 1 försenad uppgift i Systemkoll: Uppgift a');
    expect(digestMessage([task('a', 'snart'), task('b', 'snart'), task('c', 'snart')])).toBe(
      'Du har 3 nya uppgifter i Systemkoll: Uppgift a (och 2 till)',
    );
    expect(digestMessage([task('a', 'försenad'), task('b', 'försenad'), task('c', 'snart')])).toBe(
      'Du har 3 uppgifter i Systemkoll, 2 försenade: Uppgift a (och 2 till)',
    );
  });

  it('reads the repeat interval from the settings, with the default for anything odd', () => {
    expect(repeatDaysFrom({ notificationRepeatDays: 3 })).toBe(3);
    expect(repeatDaysFrom({ notificationRepeatDays: '14' })).toBe(14);
    for (const v of [undefined, 0, -1, 'x', 1000, null]) expect(repeatDaysFrom({ notificationRepeatDays: v })).toBe(DEFAULT_REPEAT_DAYS);
  });

  it('reads history far enough back for new tasks and for the interval', () => {
    expect(historyWindowStart(NOW, 7).toISOString()).toBe('2026-02-07T23:00:00.000Z'); // 30 days: 8 Feb 00:00 CET
    expect(historyWindowStart(NOW, 60).toISOString()).toBe('2026-01-08T23:00:00.000Z');
  });
});
