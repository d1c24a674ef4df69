import type { Rule } from "eslint";

declare const plugin: {
  meta: { name: string };
  rules: { "no-foreign-writes": Rule.RuleModule; "registry-behind-the-gate": Rule.RuleModule };
};
export default plugin;
