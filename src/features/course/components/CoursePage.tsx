import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle20Regular, DismissCircle20Regular } from '@fluentui/react-icons';
import { bodyBlocks, inLanguage } from '../../../domain/course-module.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Loading, Page } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useSession } from '../../../shared/ui/session.js';
import {
  useCourseModule,
  useSubmitAttempt,
  type AttemptResult,
  type CourseModule,
  type ModuleText,
  type PublicLesson,
} from '../api/course-module.js';
import { newAttemptKey, progressKey, readProgress, writeProgress, type CourseProgress } from '../api/progress.js';

const useStyles = makeStyles({
  player: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '760px', minWidth: 0 },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, overflowWrap: 'anywhere' },
  paragraph: { margin: 0, lineHeight: tokens.lineHeightBase400, fontSize: tokens.fontSizeBase400 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXXL, lineHeight: tokens.lineHeightBase400, fontSize: tokens.fontSizeBase400 },
  questions: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  results: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  result: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  right: { color: tokens.colorPaletteGreenForeground1 },
  wrong: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground2 },
  unanswered: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
});

/** `/training/courses/:id`: a course taken in the tab, one lesson at a time, scored by the API. */
export function CoursePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const module = useCourseModule(Number.isInteger(id) && id > 0 ? id : 0);
  if (module.isPending) return <Page title={t('course.loadingTitle')}>{<Loading />}</Page>;
  if (module.isError)
    return (
      <Page title={t('course.loadingTitle')}>
        <ErrorView error={module.error} onRetry={() => void module.refetch()} />
      </Page>
    );
  return <CoursePlayer key={module.data.revision} module={module.data} />;
}

function CoursePlayer({ module }: { module: CourseModule }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const session = useSession();
  const tx = (text: ModuleText) => inLanguage(text, i18n.language);
  const storageKey = progressKey(session, module.course.id);
  const lessons = module.lessons;
  const summaryStep = lessons.length;
  const [progress, setProgress] = useState<CourseProgress>(
    () => readProgress(storageKey, module.revision) ?? { revision: module.revision, step: 0, answers: {}, clientKey: newAttemptKey() },
  );
  const [result, setResult] = useState<AttemptResult | null>(null);
  const submit = useSubmitAttempt(module.course.id);
  const step = Math.min(progress.step, summaryStep);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => writeProgress(storageKey, progress), [storageKey, progress]);
  // Focus follows navigation (not the first render): a screen reader hears the new lesson's title.
  useEffect(() => {
    if (moved.current) headingRef.current?.focus();
  }, [step, result]);

  const go = (next: number) => {
    moved.current = true;
    setProgress((p) => ({ ...p, step: next }));
  };
  const choose = (questionId: string, optionId: string) =>
    setProgress((p) => ({ ...p, answers: { ...p.answers, [questionId]: optionId } }));

  const questions = useMemo(() => lessons.flatMap((l, i) => l.questions.map((q) => ({ ...q, lessonIndex: i, lesson: l }))), [lessons]);
  const answered = questions.filter((q) => progress.answers[q.id] !== undefined).length;
  const unansweredLessons = lessons
    .map((l, i) => ({ lesson: l, index: i, missing: l.questions.filter((q) => progress.answers[q.id] === undefined).length }))
    .filter((x) => x.missing > 0);

  const onSubmit = () => {
    submit.mutate(
      { answers: progress.answers, clientKey: progress.clientKey, revision: module.revision },
      {
        onSuccess: (r) => {
          moved.current = true;
          setResult(r);
          // A definitive answer: the next attempt is a new one. A pass clears the kept progress.
          if (r.passed) {
            writeProgress(storageKey, null);
            setProgress({ revision: module.revision, step: 0, answers: {}, clientKey: newAttemptKey() });
          } else setProgress((p) => ({ ...p, step: 0, clientKey: newAttemptKey() }));
        },
      },
    );
  };

  const heading = (text: string) => (
    <h2 ref={headingRef} tabIndex={-1} className={styles.heading} id="course-step-title" data-testid="course-step-title">
      {text}
    </h2>
  );

  const intro = (
    <>
      {module.course.description ? <span>{module.course.description}</span> : null}
      {module.lastCompletion ? (
        <span data-testid="course-last-completion">
          {' '}
          {module.lastCompletion.expiresAt
            ? t('course.lastCompletion', {
                date: labels.date(module.lastCompletion.completedAt),
                expires: labels.date(module.lastCompletion.expiresAt),
              })
            : t('course.lastCompletionNoExpiry', { date: labels.date(module.lastCompletion.completedAt) })}
        </span>
      ) : null}
    </>
  );

  if (result) {
    const byId = new Map(questions.map((q) => [q.id, q]));
    return (
      <Page title={module.course.title}>
        <div className={styles.player} data-testid="course-result">
          {heading(result.passed ? t('course.passedTitle') : t('course.failedTitle'))}
          <MessageBar intent={result.passed ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {t('course.scoreLine', { score: result.score, correct: result.correct, total: result.total })}
              </MessageBarTitle>
              {result.passed
                ? result.completion?.expiresAt
                  ? t('course.passedBody', { mark: result.passMark, expires: labels.date(result.completion.expiresAt) })
                  : t('course.passedBodyNoExpiry', { mark: result.passMark })
                : t('course.failedBody', { mark: result.passMark })}
            </MessageBarBody>
          </MessageBar>
          <h3 className={styles.subheading}>{t('course.answersTitle')}</h3>
          <ol className={styles.results} aria-label={t('course.answersTitle')}>
            {result.results.map((r, i) => {
              const q = byId.get(r.questionId);
              const chosen = q?.options.find((o) => o.id === r.chosen);
              return (
                <li key={r.questionId} className={styles.result} data-testid={`result-${r.questionId}`}>
                  {r.correct ? (
                    <CheckmarkCircle20Regular className={styles.right} aria-hidden />
                  ) : (
                    <DismissCircle20Regular className={styles.wrong} aria-hidden />
                  )}
                  <Text weight="semibold">
                    {t('course.questionNumber', { n: i + 1 })} {q ? tx(q.prompt) : r.questionId}
                  </Text>
                  <span />
                  <Text>
                    <strong className={r.correct ? styles.right : styles.wrong}>{r.correct ? t('course.right') : t('course.wrong')}</strong>
                    {' – '}
                    {chosen ? t('course.yourAnswer', { answer: tx(chosen.text) }) : t('course.noAnswer')}
                  </Text>
                  <span />
                  <Text className={styles.muted}>{tx(r.explanation)}</Text>
                </li>
              );
            })}
          </ol>
          <div className={styles.nav}>
            {result.passed ? (
              <RouterLink to="/training">{t('course.backToTraining')}</RouterLink>
            ) : (
              <Button
                appearance="primary"
                onClick={() => {
                  moved.current = true;
                  setResult(null);
                }}
              >
                {t('course.tryAgain')}
              </Button>
            )}
          </div>
        </div>
      </Page>
    );
  }

  const lesson: PublicLesson | undefined = lessons[step];
  const stepLabel = lesson ? t('course.stepOf', { n: step + 1, total: lessons.length }) : t('course.summaryStep');
  return (
    <Page title={module.course.title} intro={intro}>
      <div className={styles.player}>
        <Field label={stepLabel} hint={t('course.answeredOf', { n: answered, total: questions.length })}>
          <ProgressBar value={(step + (lesson ? 0 : 1)) / (lessons.length + 1)} thickness="large" data-testid="course-progress" />
        </Field>
        {lesson ? (
          <section aria-labelledby="course-step-title" className={styles.player} data-testid={`lesson-${lesson.id}`}>
            {heading(tx(lesson.title))}
            <div className={styles.body}>
              {bodyBlocks(tx(lesson.body)).map((b, i) =>
                b.kind === 'p' ? (
                  <p key={i} className={styles.paragraph}>
                    {b.text}
                  </p>
                ) : (
                  <ul key={i} className={styles.list}>
                    {b.items.map((item, j) => (
                      <li key={j}>{item}</li>
                    ))}
                  </ul>
                ),
              )}
            </div>
            {lesson.questions.length > 0 ? (
              <div className={styles.questions}>
                <h3 className={styles.subheading}>{t('course.questionsTitle')}</h3>
                {lesson.questions.map((q) => {
                  const n = questions.findIndex((x) => x.id === q.id) + 1;
                  return (
                    <Field key={q.id} label={`${t('course.questionNumber', { n })} ${tx(q.prompt)}`} data-testid={`question-${q.id}`}>
                      <RadioGroup value={progress.answers[q.id] ?? ''} onChange={(_, d) => choose(q.id, d.value)}>
                        {q.options.map((o) => (
                          <Radio key={o.id} value={o.id} label={tx(o.text)} />
                        ))}
                      </RadioGroup>
                    </Field>
                  );
                })}
              </div>
            ) : null}
          </section>
        ) : (
          <section aria-labelledby="course-step-title" className={styles.player} data-testid="course-summary">
            {heading(t('course.summaryTitle'))}
            <Text as="p">{t('course.summaryBody', { mark: module.passMark, total: questions.length })}</Text>
            {unansweredLessons.length > 0 ? (
              <MessageBar intent="info" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('course.unansweredTitle', { count: questions.length - answered })}</MessageBarTitle>
                  <div className={styles.unanswered}>
                    {unansweredLessons.map((x) => (
                      <Button key={x.lesson.id} appearance="transparent" onClick={() => go(x.index)}>
                        {t('course.goToLesson', { title: tx(x.lesson.title), count: x.missing })}
                      </Button>
                    ))}
                  </div>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {submit.isError ? <ErrorView error={submit.error} onRetry={onSubmit} /> : null}
          </section>
        )}
        <div className={styles.nav}>
          {step > 0 ? <Button onClick={() => go(step - 1)}>{t('course.previous')}</Button> : null}
          {lesson ? (
            <Button appearance="primary" onClick={() => go(step + 1)}>
              {step + 1 < lessons.length ? t('course.next') : t('course.toSummary')}
            </Button>
          ) : (
            <Button
              appearance="primary"
              disabledFocusable={answered < questions.length || submit.isPending}
              onClick={onSubmit}
              data-testid="course-submit"
            >
              {submit.isPending ? t('course.submitting') : t('course.submit')}
            </Button>
          )}
        </div>
      </div>
    </Page>
  );
}
