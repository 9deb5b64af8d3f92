/**
 * Jest runs the TypeScript sources directly through ts-jest.
 * Core tests run in Node; widget tests opt into jsdom with a docblock.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.test.ts', '**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: 'tsconfig.test.json', isolatedModules: true, diagnostics: false }
    ],
    '^.+\\.jsx?$': [
      'ts-jest',
      { tsconfig: 'tsconfig.test.json', isolatedModules: true, diagnostics: false }
    ]
  },
  moduleNameMapper: {
    '\\.(css|less|svg)$': '<rootDir>/src/__tests__/support/fileMock.js'
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@jupyterlab|@lumino|@jupyter|lib0|y-protocols|yjs|@codemirror|@lezer|@microsoft|exenv-es6|nanoid|vscode-ws-jsonrpc|marked|style-mod|w3c-keyname|crelt)/)'
  ],
  testTimeout: 60000
};
