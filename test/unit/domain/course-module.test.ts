import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASS_MARK,
  MAX_MODULE_CONTENT_CHARS,
  bodyBlocks,
  inLanguage,
  parseModuleContent,
  passMarkOf,
  publicLessons,
  questionCount,
  scoreAttempt,
  type ModuleContent,
} from '../../../src/domain/course-module.js';
import { GRUNDKURS, GRUNDKURS_PASS_MARK } from '../../../src/domain/course-content/grundkurs.js';

const q = (id: string, correct: string) => ({
  id,
  prompt: { sv: `Fråga ${id}` },
  options: [
    { id: 'a', text: { sv: 'A' } },
    { id: 'b', text: { sv: 'B' } },
    { id: 'c', text: { sv: 'C' } },
  ],
  correct,
  explanation: { sv: `Förklaring ${id}` },
});

function course(questions: number): ModuleContent {
  return {
    version: 1,
    lessons: [
      {
        id: 'l1',
        title: { sv: 'Lektion' },
        body: { sv: 'Text' },
        questions: Array.from({ length: questions }, (_, i) => q(`q${i + 1}`, 'a')),
      },
    ],
  };
}

/** n right answers (option a) and the rest wrong (option b). */
const answers = (total: number, right: number) =>
  Object.fromEntries(Array.from({ length: total }, (_, i) => [`q${i + 1}`, i < right ? 'a' : 'b']));

describe('quiz scoring', () => {
  it('passes at exactly the pass mark and fails one below (20 questions, 80 %)', () => {
    const c = course(20);
    expect(scoreAttempt(c, answers(20, 16), 80)).toMatchObject({ score: 80, passed: true, correct: 16, total: 20 });
    expect(scoreAttempt(c, answers(20, 15), 80)).toMatchObject({ score: 75, passed: false, correct: 15 });
    expect(scoreAttempt(c, answers(20, 20), 80)).toMatchObject({ score: 100, passed: true });
    expect(scoreAttempt(c, {}, 80)).toMatchObject({ score: 0, passed: false, correct: 0 });
  });

  it('compares exactly and rounds the shown score down (17 of 21 is 80.95 %)', () => {
    const c = course(21);
    expect(scoreAttempt(c, answers(21, 17), 80)).toMatchObject({ score: 80, passed: true });
    // 16 of 21 is 76.19 %: shown 76, fails.
    expect(scoreAttempt(c, answers(21, 16), 80)).toMatchObject({ score: 76, passed: false });
    // 2 of 3 is 66.67 % – shown 66, and does not pass a 67 % mark.
    expect(scoreAttempt(course(3), answers(3, 2), 67)).toMatchObject({ score: 66, passed: false });
    expect(scoreAttempt(course(3), answers(3, 2), 66)).toMatchObject({ passed: true });
  });

  it('counts unanswered and unknown options as wrong and ignores answers to questions the course lacks', () => {
    const c = course(3);
    const result = scoreAttempt(c, { q1: 'a', q2: 'zz', q9: 'a', toString: 'a' }, 80);
    expect(result.correct).toBe(1);
    expect(result.results.map((r) => [r.questionId, r.chosen, r.correct])).toEqual([
      ['q1', 'a', true],
      ['q2', 'zz', false],
      ['q3', null, false],
    ]);
    expect(result.results[1]?.explanation.sv).toBe('Förklaring q2');
  });

  it('never passes a course without questions', () => {
    expect(
      scoreAttempt({ version: 1, lessons: [{ id: 'x', title: { sv: 'x' }, body: { sv: 'x' }, questions: [] }] }, {}, 80),
    ).toMatchObject({ passed: false, score: 0, total: 0 });
  });

  it('takes a stored pass mark only when it is a usable percentage', () => {
    expect([passMarkOf(70), passMarkOf(null), passMarkOf(0), passMarkOf(101), passMarkOf(Number.NaN)]).toEqual([
      70,
      DEFAULT_PASS_MARK,
      DEFAULT_PASS_MARK,
      DEFAULT_PASS_MARK,
      DEFAULT_PASS_MARK,
    ]);
  });
});

describe('course content validation', () => {
  it('accepts the built-in course: seven lessons, 21 questions, Swedish and English throughout', () => {
    const parsed = parseModuleContent(JSON.stringify(GRUNDKURS));
    expect(parsed.ok).toBe(true);
    expect(GRUNDKURS.lessons.map((l) => l.id)).toEqual(['varfor', 'rapportera', 'natfiske', 'klassning', 'losenord', 'distans', 'sluta']);
    expect(questionCount(GRUNDKURS)).toBe(21);
    expect(GRUNDKURS_PASS_MARK).toBe(80);
    for (const l of GRUNDKURS.lessons) {
      expect(l.title.en && l.body.en).toBeTruthy();
      for (const question of l.questions)
        expect([question.prompt.en, question.explanation.en, ...question.options.map((o) => o.text.en)]).not.toContain(undefined);
    }
    // Inside what one note field holds, with room for a municipality's own additions.
    expect(JSON.stringify(GRUNDKURS).length).toBeLessThan(40_000);
    expect(JSON.stringify(GRUNDKURS).length).toBeLessThan(MAX_MODULE_CONTENT_CHARS);
  });

  it('passes the built-in course with every right answer and fails it with none', () => {
    const right = Object.fromEntries(GRUNDKURS.lessons.flatMap((l) => l.questions.map((x) => [x.id, x.correct])));
    expect(scoreAttempt(GRUNDKURS, right, GRUNDKURS_PASS_MARK)).toMatchObject({ passed: true, score: 100 });
    const wrong = Object.fromEntries(
      GRUNDKURS.lessons.flatMap((l) => l.questions.map((x) => [x.id, x.options.find((o) => o.id !== x.correct)!.id])),
    );
    expect(scoreAttempt(GRUNDKURS, wrong, GRUNDKURS_PASS_MARK)).toMatchObject({ passed: false, score: 0 });
  });

  it('names what is wrong: a right answer that is no option, duplicate ids, unknown keys, no questions', () => {
    const bad = course(2);
    bad.lessons[0]!.questions[1]!.correct = 'x';
    bad.lessons.push({ ...bad.lessons[0]!, questions: [q('q1', 'a')] });
    const parsed = parseModuleContent(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        'lessons.0.questions.1.correct: rätt svar på frågan q2 är inget av alternativen',
        'lessons.1.id: lektionen l1 finns två gånger',
        'lessons.1.questions.0.id: frågan q1 finns två gånger',
      ]),
    );
    const extra = parseModuleContent(JSON.stringify({ ...course(1), answersInClear: true }));
    expect(extra.ok).toBe(false);
    const none = parseModuleContent(
      JSON.stringify({ version: 1, lessons: [{ id: 'l', title: { sv: 't' }, body: { sv: 'b' }, questions: [] }] }),
    );
    expect(none).toEqual({ ok: false, problems: ['lessons: kursen har inga frågor'] });
  });

  it('refuses empty, malformed, oversized and unknown-version content', () => {
    expect(parseModuleContent('')).toEqual({ ok: false, problems: ['innehållet är tomt'] });
    expect(parseModuleContent('{"version":1,').ok).toBe(false);
    expect(parseModuleContent('x'.repeat(MAX_MODULE_CONTENT_CHARS + 1))).toMatchObject({ ok: false });
    expect(parseModuleContent(JSON.stringify({ ...course(1), version: 2 })).ok).toBe(false);
    const badId = course(1);
    badId.lessons[0]!.id = 'Lektion 1';
    expect(parseModuleContent(JSON.stringify(badId)).ok).toBe(false);
  });

  it('serves lessons and questions without right answers or explanations', () => {
    const lessons = publicLessons(GRUNDKURS);
    const json = JSON.stringify(lessons);
    expect(json).not.toContain('"correct"');
    expect(json).not.toContain('"explanation"');
    expect(json).not.toContain(GRUNDKURS.lessons[0]!.questions[0]!.explanation.sv);
    expect(lessons[0]!.questions[0]!.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('course text', () => {
  it('picks English when asked and there is some, Swedish otherwise', () => {
    expect(inLanguage({ sv: 'Hej', en: 'Hi' }, 'en-US')).toBe('Hi');
    expect(inLanguage({ sv: 'Hej' }, 'en')).toBe('Hej');
    expect(inLanguage({ sv: 'Hej', en: 'Hi' }, 'sv-SE')).toBe('Hej');
  });

  it('splits a body into paragraphs and bulleted lists', () => {
    expect(bodyBlocks('Första\nraden.\n\n- ett\n- två\n\n  \n\nSista.')).toEqual([
      { kind: 'p', text: 'Första raden.' },
      { kind: 'ul', items: ['ett', 'två'] },
      { kind: 'p', text: 'Sista.' },
    ]);
    // A list right under its lead-in line, in the same paragraph.
    expect(bodyBlocks('Det räcker att du:\n- tänker efter\n- rapporterar\nSå enkelt.')).toEqual([
      { kind: 'p', text: 'Det räcker att du:' },
      { kind: 'ul', items: ['tänker efter', 'rapporterar'] },
      { kind: 'p', text: 'Så enkelt.' },
    ]);
  });
});
