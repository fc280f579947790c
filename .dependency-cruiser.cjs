// The layers of design.md, checked by `npm run lint`: imports point down only, and nothing goes round in a circle.
//   entries (index, define, react, bundle, register/) → elements → controllers → core;  feeds → core;  format → nothing
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'format-is-pure',
      comment: 'Formatting imports nothing but itself: no Lit, no store, no DOM.',
      severity: 'error',
      from: { path: '^src/format/' },
      to: { pathNot: '^src/format/' },
    },
    {
      name: 'core-points-down',
      comment: 'core/ is the bottom layer: the feed registry lives here, and the entries fill it.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(feeds|controllers|elements|register)/|^src/(index|define|bundle|react)\\.ts$' },
    },
    {
      name: 'feeds-get-their-context',
      comment: 'Feeds run in Node too: no view code, and page settings (endpoints included) come through FeedContext.',
      severity: 'error',
      from: { path: '^src/feeds/' },
      to: {
        path: '^src/(controllers|elements|register)/|^src/core/config\\.ts$|^src/(index|define|bundle|react)\\.ts$|^node_modules/lit',
      },
    },
    {
      name: 'controllers-know-no-views',
      severity: 'error',
      from: { path: '^src/controllers/' },
      to: { path: '^src/(elements|feeds|register)/|^src/(index|define|bundle|react)\\.ts$' },
    },
    {
      name: 'elements-hold-no-network-code',
      comment: 'Elements reach feeds only through the store, by name.',
      severity: 'error',
      from: { path: '^src/elements/' },
      to: { path: '^src/(feeds|register)/|^src/(index|define|bundle|react)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
