// The linter for our own JavaScript (bash dev.sh test runs it): the browser modules in docs/javascripts and the
// node runner of the differential test. Vendored code is not ours to lint.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["docs/javascripts/vendor/**", "site/**", ".venv/**", ".cache/**"] },
  js.configs.recommended,
  {
    files: ["docs/javascripts/**/*.js"],
    // document$: the theme's page-load observable (mkdocs-material), read by tabellen.js
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, document$: "readonly" },
    },
  },
  { files: ["docs/javascripts/zoeken.js"], languageOptions: { sourceType: "module" } },
  {
    files: ["tests/tweeling.js"],
    // window: the browser modules it loads name themselves on it; the runner makes it globalThis
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node, window: "writable" } },
  },
];
