// Stand-in until the action package lands (issue "The GitHub Action"): the demo will start fake-coder and
// a fake GitHub API, run the bundled action on a real issue_comment payload, and print what it posted.
console.log(
  'The demo is not built yet: it arrives with packages/action. Run `pnpm test` to test what exists.',
);
