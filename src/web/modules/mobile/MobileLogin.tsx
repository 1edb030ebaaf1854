import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { LanguageSwitch } from '../../app/AppLayout';
import { login, ME_KEY } from '../auth/auth.api';
import { PhoneCodeForm } from '../auth/PhoneCodeForm';
import type { Me } from '../../lib/types';

/** The phone app's log-in: by password, or by a code texted to the account's mobile number (验证码登录). */
export function MobileLogin() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  const target = next && next.startsWith('/m/') && !next.startsWith('/m/login') ? next : '/m/';

  const enter = (user: Me) => {
    qc.setQueryData(ME_KEY, user);
    void navigate(target, { replace: true });
  };

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      enter((await login(v.username, v.password)).user);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', background: '#b71c1c', padding: 16, display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', color: '#fff', marginBottom: 24 }}>
        <strong style={{ fontSize: 22, letterSpacing: 2 }}>{t('app.brand')}</strong>
        <LanguageSwitch compact />
      </div>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('mobile.loginTitle')}
        </Typography.Title>
        <Tabs
          data-testid="m-login-tabs"
          items={[
            {
              key: 'password',
              label: t('auth.passwordTab'),
              children: (
                <>
                  {error && (
                    <Alert
                      type="error"
                      showIcon
                      message={error}
                      style={{ marginBottom: 12 }}
                      data-testid="m-login-error"
                    />
                  )}
                  <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void onFinish(v)}>
                    <Form.Item
                      name="username"
                      label={t('auth.username')}
                      rules={[{ required: true, message: t('auth.usernameRequired') }]}
                    >
                      <Input autoComplete="username" size="large" data-testid="m-login-username" />
                    </Form.Item>
                    <Form.Item
                      name="password"
                      label={t('auth.password')}
                      rules={[{ required: true, message: t('auth.passwordRequired') }]}
                    >
                      <Input.Password autoComplete="current-password" size="large" data-testid="m-login-password" />
                    </Form.Item>
                    <Button
                      type="primary"
                      htmlType="submit"
                      block
                      size="large"
                      loading={busy}
                      data-testid="m-login-submit"
                    >
                      {t('auth.login')}
                    </Button>
                  </Form>
                </>
              ),
            },
            {
              key: 'phone',
              label: <span data-testid="m-login-phone-tab">{t('auth.phoneTab')}</span>,
              children: <PhoneCodeForm testId="m-phone" onLoggedIn={enter} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
