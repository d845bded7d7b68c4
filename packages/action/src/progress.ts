import { systemClock } from './clock';
import type { Trigger } from './event';
import type { GitHubApi, PostedComment } from './github-api';
import { type Phase, renderStatus, type StatusView } from './render-comment';
import * as core from './runner-commands';
import { StatusComment } from './status-comment';

/**
 * Where the person who asked follows the run: the status comment (when there is a thread) and the view
 * it renders. Progress edits are throttled; {@link finish} writes the last word.
 */
export class Progress {
  readonly view: StatusView;
  private readonly status: StatusComment | undefined;

  private constructor(
    status: StatusComment | undefined,
    view: StatusView,
    private readonly redact: (text: string) => string,
  ) {
    this.status = status;
    this.view = view;
  }

  /**
   * Acknowledges the request at once: an `eyes` reaction on the comment (best effort) and the status
   * comment on the thread (which must work: without it the run has nowhere to report).
   */
  static async acknowledge(
    github: GitHubApi,
    trigger: Trigger,
    runUrl: string,
    redact: (text: string) => string,
  ): Promise<Progress> {
    if (trigger.comment) {
      await github
        .addEyesReaction(trigger.comment)
        .catch((error) => core.warning(`Could not add the reaction: ${redact(String(error))}`));
    }
    const status =
      trigger.thread === undefined
        ? undefined
        : new StatusComment(github, trigger.thread.number, systemClock, {
            onError: (error) => core.warning(`Could not update the status comment: ${redact(String(error))}`),
          });
    const progress = new Progress(
      status,
      { phase: 'acknowledged', runUrl, requester: trigger.actor.login },
      redact,
    );
    await status?.post(progress.render());
    return progress;
  }

  /** The status comment, when there is one. */
  get comment(): PostedComment | undefined {
    return this.status?.comment;
  }

  /** Shows the task's latest state (throttled), as `taskView` and `progressPhase` make it. */
  show(task: NonNullable<StatusView['task']>, phase: Phase): void {
    this.view.task = task;
    this.view.phase = phase;
    this.status?.update(this.render());
  }

  /** Writes the final view now; returns whether the logs in it were trimmed. */
  async finish(view: StatusView = this.view): Promise<{ logsTruncated: boolean }> {
    const rendered = renderStatus(view, { redact: this.redact });
    await this.status?.finish(rendered.body);
    return { logsTruncated: rendered.logsTruncated };
  }

  private render(): string {
    return renderStatus(this.view, { redact: this.redact }).body;
  }
}
