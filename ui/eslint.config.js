import js from "@eslint/js";
import ts from "typescript-eslint";
import svelte from "eslint-plugin-svelte";
import globals from "globals";

export default ts.config(
  { ignores: ["dist/", "node_modules/", "src/api/generated/"] },
  js.configs.recommended,
  ...ts.configs.strict,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // Components reach Rust only through src/api: one typed function per command.
    files: ["src/**/*.ts", "src/**/*.svelte"],
    ignores: ["src/api/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@tauri-apps/api/*", "@tauri-apps/api"], message: "Call Rust through src/api." }] },
      ],
    },
  },
  {
    // The gateway knows the wire format, never the views: nothing in src/api imports a feature
    // or a shared view piece.
    files: ["src/api/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/features/**", "**/shared/**"], message: "src/api must not depend on view code." }] },
      ],
    },
  },
  {
    rules: {
      "svelte/no-at-html-tags": "error",
    },
  },
);
