import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, attachmentProblem, contentTypeOf, mayAttach } from '../../../src/domain/incident-attachments.js';

describe('what may be attached to an incident', () => {
  it('takes screenshots, mail, pdf and text up to 10 MB; refuses other types, empty files and unsafe names', () => {
    expect(attachmentProblem('Skärmbild 2026-12-04.PNG', 1)).toBeNull();
    expect(attachmentProblem('nätfiske.eml', 2048)).toBeNull();
    expect(attachmentProblem('rapport.pdf', MAX_ATTACHMENT_BYTES)).toBeNull();
    expect(attachmentProblem('rapport.pdf', MAX_ATTACHMENT_BYTES + 1)).toBe('tooLarge');
    expect(attachmentProblem('tom.txt', 0)).toBe('empty');
    expect(attachmentProblem('program.exe', 10)).toBe('type');
    expect(attachmentProblem('utan-filändelse', 10)).toBe('type');
    expect(attachmentProblem('../../etc/passwd.txt', 10)).toBe('name');
    expect(attachmentProblem('fråga?.png', 10)).toBe('name');
    expect(attachmentProblem(' mellanslag.png', 10)).toBe('name');
    expect(contentTypeOf('a.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('a.bin')).toBe('application/octet-stream');
  });

  it('lets handlers always, the reporter while the report is new or for 24 hours, nobody else', () => {
    const reportedAt = '2026-12-01T10:00:00Z';
    const at = (iso: string) => new Date(iso);
    expect(mayAttach({ handler: true, reporter: false }, { status: 'avslutad', reportedAt }, at('2027-06-01T00:00:00Z'))).toBe(true);
    expect(mayAttach({ handler: false, reporter: false }, { status: 'ny', reportedAt }, at('2026-12-01T10:05:00Z'))).toBe(false);
    expect(mayAttach({ handler: false, reporter: true }, { status: 'ny', reportedAt }, at('2026-12-20T00:00:00Z'))).toBe(true);
    const assessed = { status: 'under bedömning', reportedAt };
    expect(mayAttach({ handler: false, reporter: true }, assessed, at('2026-12-02T10:00:00Z'))).toBe(true);
    expect(mayAttach({ handler: false, reporter: true }, assessed, at('2026-12-02T10:00:00.001Z'))).toBe(false);
  });
});
