/**
 * Passwords of ten characters or more that top the public breach-frequency lists (shorter ones are
 * already refused by the length rule). Compared lower-cased.
 */
export const commonPasswords = new Set([
  '1234567890', '12345678910', '123456789012', '0123456789', '0987654321', '1111111111', '0000000000',
  '1234512345', '1122334455', '1234554321', '9876543210', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5',
  '1qaz2wsx3edc', 'qwertyuiop', 'qwerty12345', 'qwerty123456', 'qwertyuiop123', 'asdfghjkl1', 'asdfghjkl;',
  'zxcvbnm123', 'password12', 'password123', 'password1234', 'password1!', 'password!1', 'passw0rd123',
  'p@ssw0rd123', 'p@ssword123', 'passwordpassword', 'iloveyou12', 'iloveyou123', 'iloveyou1!', 'welcome123',
  'welcome1234', 'welcome2024', 'welcome2025', 'welcome2026', 'letmein123', 'letmein1234', 'changeme123',
  'changeme!1', 'administrator', 'admin12345', 'admin123456', 'adminadmin', 'administrator1', 'football123',
  'baseball123', 'basketball', 'basketball1', 'superman123', 'sunshine123', 'princess123', 'starwars123',
  'monkey12345', 'dragon12345', 'master12345', 'trustno1234', 'whatever123', 'qazwsxedcrfv', 'qazwsxedc123',
  'michael123', 'jennifer123', 'charlie123', 'computer123', 'internet123', 'liverpool1', 'chelsea123',
  'arsenal123', 'manchester', 'manchester1', 'pokemon123', 'minecraft1', 'minecraft123', 'fortnite123',
  'spiderman1', 'batman12345', 'summer2024', 'summer2025', 'summer2026', 'winter2024', 'winter2025',
  'autumn2025', 'spring2025', 'spring2026', 'december12', 'september1', 'november11', 'password2024',
  'password2025', 'password2026', 'abcdefghij', 'abcdefg123', 'abc1234567', 'abcd123456', 'a1b2c3d4e5',
  'aaaaaaaaaa', 'zzzzzzzzzz', 'qqqqqqqqqq', 'loveyou123', 'mypassword', 'mypassword1', 'secret1234',
  'secretpassword', 'frontdesk123', 'frontdesk1234', 'intercom123', 'support123', 'helpdesk123',
  'company123', 'business123', 'welcomewelcome', 'testtest12', 'test123456', 'test1234567', 'testing123',
  'guest12345', 'user123456', 'default123', 'qwerty1234!', 'Aa123456789', 'aa123456789', 'zaq12wsxcde',
  'zaq1zaq1zaq1', '!qaz2wsx3edc', '1qazxsw23edc', 'q2w3e4r5t6', 'asdf123456', 'asdfasdfasdf',
  'hello12345', 'helloworld', 'helloworld1', 'football1!', 'lovelovelove', 'iloveyou!!', 'princess12',
]);
