/**
 * The standard attributes every contact and company has. `GET /data_attributes` lists them beside the
 * workspace's own (with `custom: false`), and a custom attribute may not take one of their names.
 */
export interface BuiltinAttribute {
  model: 'contact' | 'company';
  name: string;
  fullName: string;
  label: string;
  description: string;
  dataType: 'string' | 'integer' | 'float' | 'boolean' | 'date';
  apiWritable: boolean;
}

type Entry = [fullName: string, label: string, dataType: BuiltinAttribute['dataType'], apiWritable: boolean, description: string];

const contact: Entry[] = [
  ['id', 'ID', 'string', false, 'The Frontdesk defined id representing the contact'],
  ['external_id', 'User ID', 'string', true, 'A unique identifier for the contact, given by your systems'],
  ['role', 'Role', 'string', true, 'Whether the contact is a user or a lead'],
  ['name', 'Name', 'string', true, "The contact's name"],
  ['email', 'Email', 'string', true, "The contact's email address"],
  ['email_domain', 'Email domain', 'string', false, "The domain of the contact's email address"],
  ['phone', 'Phone', 'string', true, "The contact's phone number"],
  ['avatar', 'Avatar', 'string', true, "The URL of the contact's avatar image"],
  ['owner_id', 'Owner', 'integer', true, 'The teammate who owns the contact'],
  ['created_at', 'Created at', 'date', false, 'The time the contact was added'],
  ['updated_at', 'Updated at', 'date', false, 'The last time the contact was updated'],
  ['signed_up_at', 'Signed up', 'date', true, 'The time the user signed up'],
  ['last_seen_at', 'Last seen', 'date', true, 'The last time the contact was seen in your product'],
  ['last_contacted_at', 'Last contacted', 'date', false, 'The last time a teammate contacted the contact'],
  ['last_replied_at', 'Last replied', 'date', false, 'The last time the contact replied'],
  ['last_email_opened_at', 'Last opened email', 'date', false, 'The last time the contact opened an email'],
  ['last_email_clicked_at', 'Last clicked on link in email', 'date', false, 'The last time the contact clicked a link in an email'],
  ['unsubscribed_from_emails', 'Unsubscribed from emails', 'boolean', true, 'Whether the contact unsubscribed from emails'],
  ['marked_email_as_spam', 'Marked email as spam', 'boolean', false, 'Whether the contact marked an email as spam'],
  ['has_hard_bounced', 'Has hard bounced', 'boolean', false, 'Whether an email to the contact hard bounced'],
  ['language_override', 'Language override', 'string', true, 'The language the Messenger uses for the contact'],
  ['browser', 'Browser', 'string', false, "The contact's last known browser"],
  ['browser_version', 'Browser version', 'string', false, "The version of the contact's last known browser"],
  ['browser_language', 'Browser language', 'string', false, "The language of the contact's browser"],
  ['os', 'OS', 'string', false, "The contact's last known operating system"],
  ['location.country', 'Country', 'string', false, "The contact's country"],
  ['location.region', 'Region', 'string', false, "The contact's region"],
  ['location.city', 'City', 'string', false, "The contact's city"],
  ['utm_campaign', 'UTM campaign', 'string', true, 'The utm_campaign the contact arrived with'],
  ['utm_content', 'UTM content', 'string', true, 'The utm_content the contact arrived with'],
  ['utm_medium', 'UTM medium', 'string', true, 'The utm_medium the contact arrived with'],
  ['utm_source', 'UTM source', 'string', true, 'The utm_source the contact arrived with'],
  ['utm_term', 'UTM term', 'string', true, 'The utm_term the contact arrived with'],
  ['referrer', 'Referral URL', 'string', false, 'The page that referred the contact'],
];

const company: Entry[] = [
  ['id', 'ID', 'string', false, 'The Frontdesk defined id representing the company'],
  ['company_id', 'Company ID', 'string', false, 'A number identifying a company'],
  ['app_id', 'App ID', 'string', false, 'The Frontdesk defined id representing the app'],
  ['name', 'Company name', 'string', true, 'The name of a company'],
  ['plan.id', 'Plan ID', 'string', false, 'The Frontdesk defined id representing the plan'],
  ['plan.name', 'Plan', 'string', false, 'A specific plan or level within your product that companies have signed up to'],
  ['created_at', 'Created at', 'date', false, 'The time the company was added'],
  ['updated_at', 'Updated at', 'date', false, 'The last time the company was updated'],
  ['remote_created_at', 'Company created at', 'date', true, 'The day a company was added to your systems'],
  ['last_request_at', 'Company last seen', 'date', false, 'The last day anyone from a company visited your site or app'],
  ['user_count', 'People', 'integer', false, 'The number of people in a company'],
  ['session_count', 'Company web sessions', 'integer', false, "All visits from anyone in a company to your product's site or app"],
  ['monthly_spend', 'Monthly Spend', 'float', true, 'The monthly revenue you receive from a company'],
  ['size', 'Company size', 'integer', true, 'The number of people employed in this company, expressed as a single number'],
  ['industry', 'Company industry', 'string', true, "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'"],
  ['website', 'Company website', 'string', true, "The web address for the company's primary marketing site"],
];

const build = (model: BuiltinAttribute['model'], entries: Entry[]): BuiltinAttribute[] =>
  entries.map(([fullName, label, dataType, apiWritable, description]) => ({
    model,
    name: fullName.split('.').at(-1) ?? fullName,
    fullName,
    label,
    description,
    dataType,
    apiWritable,
  }));

export const builtinAttributes: Record<string, BuiltinAttribute[]> = {
  contact: build('contact', contact),
  company: build('company', company),
  conversation: [],
};
