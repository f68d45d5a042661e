// The linter for our own JavaScript (bash dev.sh test runs it): the browser's ES modules in docs/javascripts and the
// node runner of the differential test, an ES module too. Vendored code is not ours to lint.
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
      sourceType: "module",
      globals: { ...globals.browser, document$: "readonly" },
    },
  },
  {
    files: ["tests/tweeling.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
