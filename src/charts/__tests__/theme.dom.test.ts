/** @jest-environment jsdom */
import { isDarkTheme, LIGHT_FALLBACK, readTheme } from '../theme';

describe('theme from JupyterLab CSS variables', () => {
  afterEach(() => {
    document.body.removeAttribute('data-jp-theme-light');
    document.body.innerHTML = '';
  });

  it('reads the variables set on the node', () => {
    const node = document.createElement('div');
    document.body.appendChild(node);
    node.style.setProperty('--jp-layout-color0', '#111111');
    node.style.setProperty('--jp-ui-font-color1', 'rgba(255, 255, 255, 0.87)');
    node.style.setProperty('--jp-border-color2', '#333333');
    node.style.setProperty('--jp-ui-font-family', 'Inter, sans-serif');
    node.style.setProperty('--jp-ui-font-size1', '14px');
    node.style.setProperty('--jp-brand-color1', '#42a5f5');
    document.body.setAttribute('data-jp-theme-light', 'false');
    const theme = readTheme(node);
    expect(theme.background).toBe('#111111');
    expect(theme.text).toBe('rgba(255, 255, 255, 0.87)');
    expect(theme.grid).toBe('#333333');
    expect(theme.fontFamily).toBe('Inter, sans-serif');
    expect(theme.fontSize).toBe(14);
    expect(theme.accent).toBe('#42a5f5');
    expect(theme.dark).toBe(true);
    expect(isDarkTheme()).toBe(true);
  });

  it('falls back per variable, and to light mode, when variables are missing', () => {
    const node = document.createElement('div');
    document.body.appendChild(node);
    node.style.setProperty('--jp-brand-color1', '#ff0000');
    document.body.setAttribute('data-jp-theme-light', 'true');
    const theme = readTheme(node);
    expect(theme.dark).toBe(false);
    expect(isDarkTheme()).toBe(false);
    expect(theme.accent).toBe('#ff0000');
    expect(theme.background).toBe(LIGHT_FALLBACK.background);
    expect(theme.text).toBe(LIGHT_FALLBACK.text);
    expect(theme.fontFamily).toBe(LIGHT_FALLBACK.fontFamily);
  });

  it('judges a page without the theme attribute by its background', () => {
    const node = document.createElement('div');
    document.body.appendChild(node);
    node.style.setProperty('--jp-layout-color0', 'rgb(20, 20, 20)');
    expect(readTheme(node).dark).toBe(true);
    node.style.setProperty('--jp-layout-color0', '#fafafa');
    expect(readTheme(node).dark).toBe(false);
  });
});
