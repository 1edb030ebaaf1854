import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { login, ME_KEY, useMe } from './auth.api';
import { PhoneCodeForm } from './PhoneCodeForm';
import type { Me } from '../../lib/types';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  const enter = (user: Me) => {
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, user);
    void navigate(next, { replace: true });
  };
  const mutation = useMutation({
    mutationFn: (v: LoginValues) => login(v.username.trim(), v.password),
    onSuccess: (r) => enter(r.user),
    onError: (e) => setError(errorMessage(e)),
  });

  if (me.data && !mutation.isPending) return <Navigate to={next} replace />;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #b71c1c 0%, #7f1212 45%, #f5f6f8 45%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 16, color: '#fff' }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 380, maxWidth: '100%', boxShadow: '0 8px 30px rgba(0,0,0,.15)' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 24 }} data-testid="login-title">
          {t('app.title')}
        </Typography.Title>
        <Tabs
          centered
          items={[
            {
              key: 'password',
              label: t('auth.passwordTab'),
              children: (
                <>
                  {error && (
                    <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
                  )}
                  <Form<LoginValues>
                    layout="vertical"
                    requiredMark={false}
                    onFinish={(v) => {
                      setError(null);
                      mutation.mutate(v);
                    }}
                    onValuesChange={() => error && setError(null)}
                  >
                    <Form.Item
                      name="username"
                      label={t('auth.username')}
                      rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
                    >
                      <Input
                        prefix={<UserOutlined />}
                        autoComplete="username"
                        autoFocus
                        data-testid="login-username"
                        size="large"
                      />
                    </Form.Item>
                    <Form.Item
                      name="password"
                      label={t('auth.password')}
                      rules={[{ required: true, message: t('auth.passwordRequired') }]}
                    >
                      <Input.Password
                        prefix={<LockOutlined />}
                        autoComplete="current-password"
                        data-testid="login-password"
                        size="large"
                      />
                    </Form.Item>
                    <Button
                      type="primary"
                      htmlType="submit"
                      block
                      size="large"
                      loading={mutation.isPending}
                      data-testid="login-submit"
                    >
                      {t('auth.login')}
                    </Button>
                  </Form>
                </>
              ),
            },
            {
              key: 'phone',
              label: <span data-testid="login-phone-tab">{t('auth.phoneTab')}</span>,
              children: <PhoneCodeForm testId="login-phone" onLoggedIn={enter} />,
            },
          ]}
        />
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
        >
          {t('auth.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
