import { runPost } from './run-post';

await runPost();
