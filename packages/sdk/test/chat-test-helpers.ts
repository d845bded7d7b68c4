import type { Harness } from './harness';

/** One text part: the content of a create or a send. */
export const text = (t: string) => [{ type: 'text' as const, text: t }];

/** The rejection of a call that must fail (a resolved call fails the test). */
export async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

/** Opens a stream and lets go of it at its first event (or its error). */
export async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events) break;
}

/** A chat whose first turn is over. */
export async function idleChat(h: Harness, prompt = 'hi') {
  const chat = await h.client.createChat({ content: text(prompt) });
  await h.fake.control.chats.waitForChat(chat.id, 'waiting');
  return chat;
}
