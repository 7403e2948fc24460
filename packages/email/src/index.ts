export { format, type LocalizedStrings, localeDir } from './i18n';
export { type RenderedEmail, type RenderOptions, render } from './render';
export {
  defineTemplate,
  type TemplateContext,
  type TemplateDefinition,
  type TemplateProps,
} from './template';
export { templates } from './templates';
