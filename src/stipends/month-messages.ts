/** Messages of the stipend month page's summary, its next step and the payment confirmation. */
export const monthPageLt = {
  'period.summary': 'Mėnesio suvestinė',
  'period.summary.state': 'Būsena',
  'period.summary.pool': 'Fondas',
  'period.summary.allocated': 'Paskirstyta',
  'period.summary.participants': 'Dalyvių',
  'period.summary.problem': 'Skaičiavimas nepavyko: pirmiausia ištaisykite duomenis.',
  'period.step.finalise': 'Kitas žingsnis: patikrinti ir patvirtinti mėnesį',
  'period.step.pay': 'Kitas žingsnis: išmokėti ir pažymėti išmokėtu',
  'period.step.done': 'Mėnuo baigtas',
  'period.step.doneHint': 'Stipendijos išmokėtos. Pažymos ir failai lieka žemiau.',
  'period.explainToggle': 'Kaip gauta suma',
  'period.details': 'Taisyklės ir išlaidos',
  'period.confirmPaid':
    'Bankas pervedė šias sumas dalyviams. Žinau, kad pažymėto išmokėtu mėnesio atšaukti nebus galima.',
  'period.errors.confirmPaid': 'Pažymėkite, kad bankas pervedė stipendijas: to atšaukti negalima.',
} satisfies Record<string, string>;

export const monthPageEn: Record<keyof typeof monthPageLt, string> = {
  'period.summary': 'Summary of the month',
  'period.summary.state': 'State',
  'period.summary.pool': 'Pool',
  'period.summary.allocated': 'Allocated',
  'period.summary.participants': 'Participants',
  'period.summary.problem': 'The computation failed: correct the data first.',
  'period.step.finalise': 'Next step: check and finalise the month',
  'period.step.pay': 'Next step: pay and mark as paid',
  'period.step.done': 'The month is done',
  'period.step.doneHint': 'The stipends are paid. The statements and files stay below.',
  'period.explainToggle': 'How the amount was reached',
  'period.details': 'Rules and costs',
  'period.confirmPaid':
    'The bank transferred these amounts to the participants. I know a month marked paid cannot be undone.',
  'period.errors.confirmPaid': 'Tick that the bank transferred the stipends: this cannot be undone.',
};
