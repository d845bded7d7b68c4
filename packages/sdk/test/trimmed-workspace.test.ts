import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CoderClient, TaskFailedError } from '../src/index';
import { startHarness, templateVersionId } from './harness';
import { NO_POLLING, quietAgent } from './wait-helpers';

// A proxy, an older or newer server, or a trimmed watch event may leave out Workspace fields the SDK
// never reads: that must neither break the watch stream nor lose the build error of a failed task.

const ID = 'c1c2c3c4-d5d6-4e7e-8f9f-a0a1a2a3a4a5';

describe('a workspace with only the fields the SDK reads', () => {
  it('is yielded by the watch stream rather than failing validation', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const trimmed = { id: ID, latest_build: { status: 'running', job: { status: 'running' } } };
      res.end(`event: ping\n\nevent: data\ndata: ${JSON.stringify(trimmed)}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const client = new CoderClient({ url: `http://127.0.0.1:${port}`, token: 'secret-token' });
    onTestFinished(() => client.close());
    const events = [];
    for await (const workspace of client.watchWorkspace(ID)) events.push(workspace);
    expect(events).toEqual([{ id: ID, latest_build: { status: 'running', job: { status: 'running' } } }]);
  });

  it('keeps the build error in the failure report when the workspace answer is trimmed', async () => {
    const h = await startHarness(quietAgent);
    h.fake.control.failNextBuild({ error: 'terraform apply: quota exceeded' });
    const created = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'trimmed',
    });
    const path = `/api/v2/workspaces/${created.workspace_id}`;
    const full = h.fake.control.workspace(created.workspace_id ?? '') ?? {};
    const build = full.latest_build as { job: Record<string, unknown> };
    // What a trimming proxy might pass on: no owner, organization or template ids, no build or job id.
    const { owner_id, organization_id, template_id, ...rest } = full;
    const job = { status: 'failed', error: 'terraform apply: quota exceeded' };
    const trimmed = {
      ...rest,
      latest_build: { status: 'failed', job: { ...build.job, ...job, id: undefined } },
    };
    h.fake.control.faults.inject({ kind: 'status', status: 200, route: path, method: 'GET', body: trimmed });
    const error = await h.client
      .waitForTask(created, { until: 'active', pollInterval: NO_POLLING })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({ buildError: 'terraform apply: quota exceeded' });
    expect(h.requestsTo(path, 'GET').length).toBeGreaterThanOrEqual(1);
  });
});
