import type { Backend, WorkOutcome, WorkRef, WorkUpdate } from './backends/backend';
import type { Clock } from './clock';
import type { Trigger } from './event';
import type { GitHubApi, PostedComment } from './github-api';
import { oneLine } from './markdown';
import { COMMENT_MARKER } from './marker';
import { setOutputs } from './outputs';
import { renderStatus, type StatusView, type WorkNoun } from './render-comment';
import { writeJobSummary } from './report';
import { saveFinalWrite, saveRunState } from './run-state';
import * as core from './runner-commands';
import { StatusComment } from './status-comment';

/**
 * Where the person who asked follows the run, and what later steps read: the status comment (when there
 * is a thread) and the view it renders, the job summary, the outputs and the state the post step reads.
 * Progress edits are throttled; {@link finish} and {@link fail} write the last word.
 */
export class Progress {
  private readonly view: StatusView;

  private constructor(
    private readonly status: StatusComment | undefined,
    view: StatusView,
    private readonly redact: (text: string) => string,
  ) {
    this.view = view;
  }

  /**
   * Acknowledges the request at once: an `eyes` reaction on the comment (best effort) and the status
   * comment on the thread (which must work: without it the run has nowhere to report). Saves the comment
   * for the post step and sets the comment outputs, again whenever the comment is replaced (someone
   * deleted it); the run counts as finished for the post step only once the final body is on the thread.
   */
  static async acknowledge(
    github: GitHubApi,
    trigger: Trigger,
    runUrl: string,
    redact: (text: string) => string,
    clock: Clock,
  ): Promise<Progress> {
    saveRunState({ runUrl });
    const onPosted = (comment: PostedComment) => {
      saveRunState({ commentId: comment.id });
      setOutputs({ skipped: false, 'comment-id': comment.id, 'comment-url': comment.url }, redact);
    };
    let self: string | undefined;
    if (trigger.comment) {
      self = await github
        .addEyesReaction(trigger.comment)
        .catch((error) => void core.warning(`Could not add the reaction: ${redact(String(error))}`));
    }
    const status =
      trigger.thread === undefined
        ? undefined
        : new StatusComment(github, trigger.thread.number, clock, {
            onError: (error) => core.warning(`Could not update the status comment: ${redact(String(error))}`),
            onPosted,
            onFinished: (landed, body) => saveFinalWrite(landed ? undefined : body),
            // This run's comment: our marker, this run's link, and (when the reaction told us) our account.
            isOurs: (c) =>
              c.body.includes(COMMENT_MARKER) &&
              c.body.includes(`](${runUrl})`) &&
              (self === undefined || c.author === self),
          });
    const progress = new Progress(
      status,
      { phase: 'acknowledged', runUrl, requester: trigger.actor.login },
      redact,
    );
    await status?.post(progress.render());
    setOutputs({ skipped: false }, redact);
    return progress;
  }

  /** The status comment, when there is one. */
  get comment(): PostedComment | undefined {
    return this.status?.comment;
  }

  private get noun(): WorkNoun {
    return this.view.noun ?? 'task';
  }

  /** Records which backend does the work (the `backend` output). */
  using(backend: Pick<Backend, 'name' | 'noun'>): void {
    this.view.noun = backend.noun;
    saveRunState({ noun: backend.noun });
    setOutputs({ backend: backend.name }, this.redact);
  }

  /** The work has the request: saved for the post step, set as outputs and said in the log. */
  started(ref: WorkRef): void {
    this.view.reused = !ref.created;
    saveRunState({ taskName: ref.name, taskUrl: ref.url });
    setOutputs(
      { 'task-id': ref.id, 'task-name': ref.name, 'task-url': ref.url, 'task-created': ref.created },
      this.redact,
    );
    core.info(
      // The name is the server's: on one line it cannot start a workflow command (`::set-output …`).
      `${ref.created ? 'Created' : 'Sent the request to'} the ${this.noun} ${oneLine(ref.name)}: ${ref.url}`,
    );
  }

  /** Shows the work's latest state (throttled). */
  show(update: WorkUpdate): void {
    this.view.task = update.work;
    this.view.phase = update.phase;
    this.status?.update(this.render());
  }

  /** Writes the final report: the status comment, the job summary and the outputs of the end. */
  async finish(outcome: WorkOutcome): Promise<void> {
    Object.assign(this.view, await outcome.report());
    const rendered = renderStatus(this.view, { redact: this.redact });
    await this.status?.finish(rendered.body);
    await writeJobSummary(this.view, this.redact, this.noun);
    setOutputs(
      {
        'task-status': outcome.status,
        'task-state': outcome.state,
        'pull-request-url': outcome.pullRequestUrl,
        'logs-truncated': rendered.logsTruncated,
      },
      this.redact,
    );
  }

  /** Says why the run failed (`reason` already redacted), keeping the work's last known state. */
  async fail(reason: string): Promise<void> {
    this.view.phase = 'failed';
    this.view.reason = reason;
    await this.status?.finish(this.render());
    await writeJobSummary(this.view, this.redact, this.noun);
    // The work's last known status still tells later steps where it stands.
    const last = this.view.task;
    if (last) setOutputs({ 'task-status': last.status, 'task-state': last.state ?? '' }, this.redact);
  }

  private render(): string {
    return renderStatus(this.view, { redact: this.redact }).body;
  }
}
