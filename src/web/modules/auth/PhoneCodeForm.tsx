import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { Me } from '../../lib/types';
import { phoneLogin, requestPhoneCode } from './auth.api';

const MOBILE = /^1[3-9]\d{9}$/;

interface Values {
  phone: string;
  code: string;
}

/**
 * 验证码登录: mobile number, 获取验证码 (then a countdown until another may be asked for), the code, 登录.
 * `testId` prefixes the fields' test ids (`m-phone` on the phone app, `login-phone` on the back office).
 */
export function PhoneCodeForm({ testId, onLoggedIn }: { testId: string; onLoggedIn: (user: Me) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const getCode = async () => {
    setError(null);
    setNotice(null);
    let phone: string;
    try {
      phone = ((await form.validateFields(['phone'])) as Pick<Values, 'phone'>).phone.trim();
    } catch {
      return; // the field shows what is wrong
    }
    setSending(true);
    try {
      const r = await requestPhoneCode(phone);
      setCountdown(r.resendAfterSeconds);
      setNotice(t('auth.codeSent', { minutes: Math.round(r.expiresInSeconds / 60) }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await phoneLogin(v.phone.trim(), v.code.trim());
      onLoggedIn(r.user);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />
      )}
      {notice && !error && (
        <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} data-testid={`${testId}-notice`} />
      )}
      <Form.Item
        name="phone"
        label={t('auth.phone')}
        rules={[
          { required: true, message: t('auth.phoneRequired') },
          { pattern: MOBILE, message: t('auth.phoneInvalid') },
        ]}
      >
        <Input inputMode="numeric" autoComplete="tel" maxLength={11} size="large" data-testid={`${testId}-number`} />
      </Form.Item>
      <Form.Item label={t('auth.code')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.codeRequired') }]}
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              size="large"
              data-testid={`${testId}-code`}
            />
          </Form.Item>
          <Button
            size="large"
            onClick={() => void getCode()}
            loading={sending}
            disabled={countdown > 0}
            data-testid={`${testId}-get-code`}
          >
            {countdown > 0 ? t('auth.resendIn', { seconds: countdown }) : t('auth.getCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid={`${testId}-submit`}>
        {t('auth.login')}
      </Button>
    </Form>
  );
}
