import * as core from '@actions/core';
import type { Task } from '@coder-tasks/types';
import { systemClock } from './clock';
import type { Trigger } from './event';
import type { GitHubApi, PostedComment } from './github-api';
import { COMMENT_MARKER } from './marker';
import { renderStatus, type StatusView } from './render-comment';
import { saveFinalWrite } from './run-state';
import { StatusComment } from './status-comment';
import { progressPhase, taskView } from './task-view';

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
    onPosted: (comment: PostedComment) => void = () => {},
  ): Promise<Progress> {
    let self: string | undefined;
    if (trigger.comment) {
      self = await github
        .addEyesReaction(trigger.comment)
        .catch((error) => void core.warning(`Could not add the reaction: ${redact(String(error))}`));
    }
    const status =
      trigger.thread === undefined
        ? undefined
        : new StatusComment(github, trigger.thread.number, systemClock, {
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
    return progress;
  }

  /** The status comment, when there is one. */
  get comment(): PostedComment | undefined {
    return this.status?.comment;
  }

  /** Shows the task's latest state (throttled). */
  show(task: Task, url: string): void {
    this.view.task = taskView(task, url);
    this.view.phase = progressPhase(task);
    this.status?.update(this.render());
  }

  /**
   * Writes the final view now; returns whether the logs in it were trimmed. Whether it landed is saved
   * for the post step (which writes it when it did not), and a comment that did not fails the step.
   */
  async finish(view: StatusView = this.view): Promise<{ logsTruncated: boolean }> {
    const rendered = renderStatus(view, { redact: this.redact });
    await this.status?.finish(rendered.body);
    return { logsTruncated: rendered.logsTruncated };
  }

  private render(): string {
    return renderStatus(this.view, { redact: this.redact }).body;
  }
}
