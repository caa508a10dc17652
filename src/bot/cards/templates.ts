import alert from '../../../cards/alert.json' with { type: 'json' };
import alertSummary from '../../../cards/alert-summary.json' with { type: 'json' };
import approval from '../../../cards/approval.json' with { type: 'json' };
import bulkForm from '../../../cards/bulk-form.json' with { type: 'json' };
import bulkFormReview from '../../../cards/bulk-form-review.json' with { type: 'json' };
import bulkFormWhat from '../../../cards/bulk-form-what.json' with { type: 'json' };
import choice from '../../../cards/choice.json' with { type: 'json' };
import fixLocation from '../../../cards/fix-location.json' with { type: 'json' };
import fixOptions from '../../../cards/fix-options.json' with { type: 'json' };
import group from '../../../cards/group.json' with { type: 'json' };
import groupLicense from '../../../cards/group-license.json' with { type: 'json' };
import groupLicenseForm from '../../../cards/group-license-form.json' with { type: 'json' };
import help from '../../../cards/help.json' with { type: 'json' };
import history from '../../../cards/history.json' with { type: 'json' };
import historyDownload from '../../../cards/history-download.json' with { type: 'json' };
import licenses from '../../../cards/licenses.json' with { type: 'json' };
import priceForm from '../../../cards/price-form.json' with { type: 'json' };
import priceHistory from '../../../cards/price-history.json' with { type: 'json' };
import priceImport from '../../../cards/price-import.json' with { type: 'json' };
import prices from '../../../cards/prices.json' with { type: 'json' };
import report from '../../../cards/report.json' with { type: 'json' };
import requestChoice from '../../../cards/request-choice.json' with { type: 'json' };
import selectionConfirm from '../../../cards/selection-confirm.json' with { type: 'json' };
import selectionUpload from '../../../cards/selection-upload.json' with { type: 'json' };
import skuHolders from '../../../cards/sku-holders.json' with { type: 'json' };
import requestForm from '../../../cards/request-form.json' with { type: 'json' };
import requestFormPlans from '../../../cards/request-form-plans.json' with { type: 'json' };
import templateForm from '../../../cards/template-form.json' with { type: 'json' };
import templatePlans from '../../../cards/template-plans.json' with { type: 'json' };
import templates from '../../../cards/templates.json' with { type: 'json' };
import user from '../../../cards/user.json' with { type: 'json' };
import welcome from '../../../cards/welcome.json' with { type: 'json' };
import rulePreview from '../../../cards/rule-preview.json' with { type: 'json' };
import rulePreviewError from '../../../cards/rule-preview-error.json' with { type: 'json' };
import scheduleApproval from '../../../cards/schedule-approval.json' with { type: 'json' };
import schedules from '../../../cards/schedules.json' with { type: 'json' };
import type { CardDataByTemplate } from './card-data.ts';

/** The card templates, one per view; read-only: rendering works on a copy. */
export const cardTemplates: Readonly<Record<keyof CardDataByTemplate, object>> = {
  alert,
  'alert-summary': alertSummary,
  approval,
  'bulk-form': bulkForm,
  'bulk-form-review': bulkFormReview,
  'bulk-form-what': bulkFormWhat,
  choice,
  'fix-location': fixLocation,
  'fix-options': fixOptions,
  group,
  'group-license': groupLicense,
  'group-license-form': groupLicenseForm,
  help,
  history,
  'history-download': historyDownload,
  licenses,
  'price-form': priceForm,
  'price-history': priceHistory,
  'price-import': priceImport,
  prices,
  report,
  'request-choice': requestChoice,
  'selection-confirm': selectionConfirm,
  'selection-upload': selectionUpload,
  'sku-holders': skuHolders,
  'request-form': requestForm,
  'request-form-plans': requestFormPlans,
  templates,
  'template-form': templateForm,
  'template-plans': templatePlans,
  user,
  welcome,
  'rule-preview': rulePreview,
  'rule-preview-error': rulePreviewError,
  schedules,
  'schedule-approval': scheduleApproval,
};

export type CardName = keyof CardDataByTemplate;
