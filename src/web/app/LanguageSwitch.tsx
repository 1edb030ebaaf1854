import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../i18n';

/** 中文 / English, on the login page and in the header (its own module: the login page does not load the shell). */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      onClick={() => void setLang(currentLang() === 'en' ? 'zh-CN' : 'en')}
      style={{ color: 'inherit', paddingInline: compact ? 6 : undefined }}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
