import type { TriggerComment } from './event';
import type { ActionOctokit } from './github-context';

/** The answer of GitHub's collaborator permission route, as far as the action reads it. */
export interface CollaboratorPermission {
  permission?: unknown;
  role_name?: unknown;
}

/** An issue or pull request, as far as the prompt needs it. */
export interface ThreadDetails {
  title: string;
  body: string;
  url: string;
  isPullRequest: boolean;
  headRef?: string | undefined;
  baseRef?: string | undefined;
}

/** A posted comment. */
export interface PostedComment {
  id: number;
  url: string;
}

/** The few GitHub calls the action makes, for one repository. I/O modules take this, never Octokit. */
export interface GitHubApi {
  addEyesReaction(comment: TriggerComment): Promise<void>;
  getPermission(username: string): Promise<CollaboratorPermission>;
  createComment(issueNumber: number, body: string): Promise<PostedComment>;
  updateComment(commentId: number, body: string): Promise<PostedComment>;
  getThread(number: number): Promise<ThreadDetails>;
}

/** {@link GitHubApi} over the action's Octokit (`createOctokit`, which honours `GITHUB_API_URL`). */
export function createGitHubApi(octokit: ActionOctokit, repo: { owner: string; repo: string }): GitHubApi {
  return {
    async addEyesReaction(comment) {
      if (comment.kind === 'review') {
        await octokit.rest.reactions.createForPullRequestReviewComment({
          ...repo,
          comment_id: comment.id,
          content: 'eyes',
        });
      } else {
        await octokit.rest.reactions.createForIssueComment({
          ...repo,
          comment_id: comment.id,
          content: 'eyes',
        });
      }
    },
    async getPermission(username) {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
      return data;
    },
    async createComment(issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
      return { id: data.id, url: data.html_url };
    },
    async updateComment(commentId, body) {
      const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body });
      return { id: data.id, url: data.html_url };
    },
    async getThread(number) {
      const { data: issue } = await octokit.rest.issues.get({ ...repo, issue_number: number });
      const details: ThreadDetails = {
        title: issue.title,
        body: issue.body ?? '',
        url: issue.html_url,
        isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
      };
      if (!details.isPullRequest) return details;
      const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
      return { ...details, headRef: pull.head.ref, baseRef: pull.base.ref };
    },
  };
}
