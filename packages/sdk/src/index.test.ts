import { describe, expect, it } from 'vitest';
import * as sdk from './index';

describe('the public surface', () => {
  it('exports exactly what users need, none of the internals', () => {
    expect(Object.keys(sdk).sort()).toEqual(
      [
        'ChatActionRequiredError',
        'ChatSendUncertainError',
        'ChatTurnFailedError',
        'ChatTurnTimeoutError',
        'ChatsUnavailableError',
        'CoderAbortError',
        'CoderApiError',
        'CoderClient',
        'CoderConnectionError',
        'CoderError',
        'CoderRequestError',
        'CoderResponseFormatError',
        'CoderStreamError',
        'CoderTimeoutError',
        'DEFAULT_RETRY_POLICY',
        'DEFAULT_WAIT_TIMEOUT',
        'PresetNotFoundError',
        'SDK_VERSION',
        'TaskFailedError',
        'TaskPausedError',
        'TaskWaitTimeoutError',
        'TasksUnavailableError',
        'UserLookupError',
        'agentState',
        'chatTranscript',
        'isSynthesizedState',
        'isWaitSatisfied',
      ].sort(),
    );
  });
});
