import type { App } from 'vue';
import {
  ElAlert,
  ElButton,
  ElCard,
  ElCheckbox,
  ElConfigProvider,
  ElContainer,
  ElDescriptions,
  ElDialog,
  ElDropdown,
  ElEmpty,
  ElForm,
  ElIcon,
  ElInput,
  ElLoading,
  ElMenu,
  ElPagination,
  ElRadio,
  ElResult,
  ElSelect,
  ElSwitch,
  ElTable,
  ElTag,
  ElTimeline,
  ElTooltip,
  ElUpload,
} from 'element-plus';
import 'element-plus/theme-chalk/index.css';

/**
 * Registering only what the screens use keeps unused components out of the bundle. Each plugin also registers its
 * parts (ElSelect its ElOption, ElRadio its ElRadioGroup and ElRadioButton, ElContainer its ElHeader/ElAside/ElMain…);
 * the parts' own install functions do nothing.
 */
const plugins = [
  ElAlert, ElButton, ElCard, ElCheckbox, ElConfigProvider, ElContainer, ElDescriptions, ElDialog, ElDropdown, ElEmpty,
  ElForm, ElIcon, ElInput, ElLoading, ElMenu, ElPagination, ElRadio, ElResult, ElSelect, ElSwitch, ElTable, ElTag, ElTimeline,
  ElTooltip, ElUpload,
];

export function installElementPlus(app: App): void {
  for (const plugin of plugins) app.use(plugin);
}
