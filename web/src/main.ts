import { createApp } from 'vue';
import App from './App.vue';
import { whenSignedOut } from './api/client.ts';
import { installElementPlus } from './element-plus.ts';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';
import './styles.css';

whenSignedOut(() => {
  const here = router.currentRoute.value;
  // Before the first page is shown, the router's own guard sends the user to the login page.
  if (here.matched.length === 0 || here.name === 'login') return;
  void router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } });
});

const app = createApp(App);
installElementPlus(app);
app.use(i18n).use(router).mount('#app');
