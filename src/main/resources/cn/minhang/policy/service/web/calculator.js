// The policy calculator: a form built from form.json (the label table of the application schema), evaluated by the
// decision service as the applicant types. Plain JavaScript, no build step, no external asset.
'use strict';

(function () {
  /** The service's evaluate route, relative to the page (the page is served at the service's root). */
  const EVALUATE = 'v1/evaluate';
  /** How long typing must pause before the application is sent. */
  const DEBOUNCE_MS = 350;

  const UI = {
    zh: {
      title: '闵行区具身智能产业政策计算器',
      subtitle: '《闵行区推进具身智能产业高质量创新发展的若干政策措施》（征求意见稿）：填写申请，即时查看可获支持及其依据。',
      skipToResults: '跳到计算结果',
      save: '保存申请（JSON）', load: '载入申请（JSON）', print: '打印报告', switchTo: 'English',
      formHeading: '申请信息',
      formHint: '先填写企业信息，再展开与企业相关的措施。只提交展开并添加的内容；金额以元为单位，最多两位小数。',
      resultsHeading: '计算结果',
      footer: '计算结果仅供参考，以主管部门评审认定为准。保存的申请可用 ./policy evaluate 申请.json 复现。',
      add: '添加', remove: '删除', choose: '请选择', none: '未添加', items: '项',
      required: '必填', clause: '条款', colon: '：',
      idle: '填写申请后即自动计算。', pending: '正在计算…',
      evaluated: '已按当前申请计算。',
      invalid: (n) => '申请中有 ' + n + ' 处问题，已在对应字段标出；修正前不计算。',
      failed: (s) => '服务暂时无法计算' + (s ? '（HTTP ' + s + '）' : '（无法连接服务）') + '，请稍后重试。',
      tooLarge: '申请内容过大，服务拒收。', busy: '服务繁忙，请稍后重试。',
      problemsHeading: (n) => n + ' 处问题',
      total: '给予合计', yuan: '元', reviewNotCounted: '另有待评审的最高额，不计入合计',
      validity: '施行期限', placeholder: '占位日期',
      placeholderNote: '征求意见稿未写明施行和截止的月日，以下日期为暂定，待正式文本确定。',
      totalsByClause: '各条款合计', clauseCol: '条款', amountCol: '金额（元）',
      lines: '逐项明细', subject: '主体', status: '状态', amount: '金额',
      unmet: '未满足的条件', supports: '支持内容', excludedBy: '因“不重复”被排除，胜出的是',
      otherAward: '其他政策奖励',
      ceilings: '待评审的最高额', noCeilings: '无。', upTo: '最高',
      forgone: '须放弃的其他政策奖励', noForgone: '无。',
      notApplicable: '本申请不涉及的措施', readings: '计算所依据的条文解读', rule: '规则',
      audit: '复现信息', rulesVersion: '规则版本', inputSha: '申请哈希', engineVersion: '引擎版本',
      evaluatedAt: '计算时间', savedAs: (f) => '已保存为 ' + f + '。', loaded: (f) => '已载入 ' + f + '。',
      unknownFields: (list) => '文件中以下字段不属于申请格式，已忽略：' + list,
      notAnApplication: '该文件不是申请 JSON（应为一个 JSON 对象）。',
      unreadable: (m) => '无法读取该文件：' + m,
      measure: (m) => '第' + m + '条',
      reportFor: '申请',
      gloss: [
        [/^is required/, '必填'], [/^must not be negative/, '不能为负数'],
        [/^must be an amount in yuan/, '金额格式不正确'], [/^must be an exact decimal/, '金额格式不正确'],
        [/^must be in yuan with at most two decimals/, '金额最多两位小数'], [/^must not exceed/, '金额过大'],
        [/^must be a date/, '日期应写作 YYYY-MM-DD'], [/^must be a whole number/, '应为整数'],
        [/^must be between/, '超出允许范围'], [/^duplicates the id/, '编号重复'],
        [/^names "/, '不是本申请中的主体编号'], [/characters long/, '过长'],
        [/^contains the character/, '含有不可打印字符'], [/^must be one of/, '取值无效'],
        [/^is not a field/, '不是申请中的字段']
      ]
    },
    en: {
      title: 'Minhang embodied-intelligence policy calculator',
      subtitle: 'Policy Measures to Promote the High-Quality Innovative Development of the Embodied Intelligence Industry (Minhang District, draft for comments): fill in an application and see at once what it would be granted and why.',
      skipToResults: 'Skip to the result',
      save: 'Save application (JSON)', load: 'Load application (JSON)', print: 'Print report', switchTo: '中文',
      formHeading: 'Application',
      formHint: 'Start with the enterprise, then open the measures that concern it. Only what is opened and added is sent; amounts are yuan with at most two decimals.',
      resultsHeading: 'Result',
      footer: 'The result is indicative; the competent departments decide. A saved application is reproduced by ./policy evaluate application.json.',
      add: 'Add', remove: 'Remove', choose: 'Choose', none: 'none added', items: 'item(s)',
      required: 'required', clause: 'Clause', colon: ': ',
      idle: 'The result appears as you fill in the application.', pending: 'Evaluating…',
      evaluated: 'Evaluated for the application as it stands.',
      invalid: (n) => 'The application has ' + n + ' problem(s), marked at their fields; nothing is evaluated until they are fixed.',
      failed: (s) => 'The service cannot evaluate right now' + (s ? ' (HTTP ' + s + ')' : ' (it cannot be reached)') + '; try again shortly.',
      tooLarge: 'The application is too large; the service refused it.', busy: 'The service is busy; try again shortly.',
      problemsHeading: (n) => n + ' problem(s)',
      total: 'Total granted', yuan: 'yuan', reviewNotCounted: 'Ceilings to be set by review are not counted',
      validity: 'Validity', placeholder: 'placeholder dates',
      placeholderNote: 'The draft leaves the month and day blank; these dates are placeholders until the final text sets them.',
      totalsByClause: 'Totals by clause', clauseCol: 'Clause', amountCol: 'Amount (yuan)',
      lines: 'Lines', subject: 'Subject', status: 'Status', amount: 'Amount',
      unmet: 'Conditions not met', supports: 'Support', excludedBy: 'Excluded by 不重复; the award that stands is',
      otherAward: 'award under another policy',
      ceilings: 'Ceilings left to review', noCeilings: 'None.', upTo: 'up to',
      forgone: 'Awards under other policies to forgo', noForgone: 'None.',
      notApplicable: 'Measures this application does not concern', readings: 'Readings of the text relied on', rule: 'Rule',
      audit: 'To reproduce', rulesVersion: 'Rules version', inputSha: 'Application hash', engineVersion: 'Engine version',
      evaluatedAt: 'Evaluated at', savedAs: (f) => 'Saved as ' + f + '.', loaded: (f) => 'Loaded ' + f + '.',
      unknownFields: (list) => 'These fields of the file are not fields of an application and were ignored: ' + list,
      notAnApplication: 'The file is not an application (a JSON object).',
      unreadable: (m) => 'The file cannot be read: ' + m,
      measure: (m) => 'measure ' + m,
      reportFor: 'Application',
      gloss: []
    }
  };

  let table = null;          // form.json
  let lang = 'zh';
  let decision = null;       // the last decision document shown
  let problems = null;       // the last problems shown
  let failure = null;        // the last failure shown
  let timer = null;
  let controller = null;
  let sequence = 0;
  let nextId = 0;
  const translated = [];     // [element, {zh, en}] pairs, re-rendered on a switch of language
  const counters = { requests: 0, aborted: 0 };

  const $ = (selector, root) => (root || document).querySelector(selector);
  const ui = (key, ...args) => {
    const v = UI[lang][key];
    return typeof v === 'function' ? v(...args) : v;
  };

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /** An element whose text is given in both languages and follows the switch. */
  function tr(node, zh, en) {
    translated.push([node, { zh, en }]);
    node.textContent = lang === 'zh' ? zh : en;
    return node;
  }

  // ---- clause names ----------------------------------------------------------------------------------------

  function clauseName(id) {
    if (id === 'general') return lang === 'zh' ? '一般条件' : 'General conditions';
    if (id === 'closing') return lang === 'zh' ? '末段' : 'Closing paragraph';
    const [m, p] = String(id).split('.');
    if (lang === 'zh') return '第' + m + '条' + (p ? '第' + p + '款' : '');
    return 'Clause ' + id;
  }

  function clauseTag(ids) {
    if (!ids.length) return null;
    const tag = el('span', { class: 'clause-tag' });
    const render = () => ids.map(clauseName).join(lang === 'zh' ? '、' : ', ');
    translated.push([tag, { fn: render }]);
    tag.textContent = render();
    return tag;
  }

  // ---- the form --------------------------------------------------------------------------------------------

  function buildForm() {
    const container = $('#sections');
    container.append(el('datalist', { id: 'subject-ids' }));
    for (const section of table.sections) {
      container.append(buildSection(section));
    }
  }

  function buildSection(section) {
    const details = el('details', { class: 'section', id: 'section-' + section.key, 'data-key': section.key,
      'data-kind': section.kind });
    if (section.kind === 'root') details.open = true;
    const summary = el('summary', {},
      tr(el('span', { class: 'section-title' }), section.zh, section.en), ' ',
      clauseTag(section.clauses),
      el('span', { class: 'count', 'aria-live': 'off' }));
    details.append(summary);
    const body = el('div', { class: 'section-body' });
    details.append(body);
    if (section.kind === 'root') {
      const grid = el('div', { class: 'fields' });
      for (const field of section.fields) grid.append(buildField(field, '$.' + field.name));
      body.append(grid);
    } else {
      const items = el('div', { class: 'items' });
      const add = el('button', { type: 'button', class: 'add', 'data-section': section.key });
      tr(add, UI.zh.add + section.itemZh, UI.en.add + ' ' + (/^[aeiou]/.test(section.itemEn) ? 'an ' : 'a ')
        + section.itemEn);
      add.addEventListener('click', () => {
        const item = addItem(section, {});
        const first = item.querySelector('input, select, textarea');
        if (first) first.focus();
        changed();
      });
      body.append(items, add);
    }
    return details;
  }

  function addItem(section, values) {
    const details = $('#section-' + section.key);
    const items = $('.items', details);
    const index = items.children.length;
    const item = el('fieldset', { class: 'item', 'data-section': section.key });
    const legend = el('legend');
    item.append(legend);
    const problem = el('p', { class: 'field-error', hidden: true, id: 'i' + (++nextId) + '-error' });
    item.append(problem);
    const grid = el('div', { class: 'fields' });
    const base = section.kind === 'list' ? '$.' + section.key + '[' + index + ']' : '$.' + section.key;
    for (const field of section.fields) grid.append(buildField(field, base + '.' + field.name));
    item.append(grid);
    const remove = el('button', { type: 'button', class: 'remove' });
    item.append(remove);
    remove.addEventListener('click', () => {
      item.remove();
      renumber(section);
      $('.add', details).focus();
      changed();
    });
    items.append(item);
    if (section.kind === 'list' && values.id === undefined && section.fields[0].name === 'id') {
      values = Object.assign({ id: suggestId(section) }, values);
    }
    setValues(item, section.fields, values);
    renumber(section);
    details.open = true;
    return item;
  }

  function suggestId(section) {
    const taken = new Set(Array.from(document.querySelectorAll('.item [data-name="id"] input'), (i) => i.value));
    for (let n = 1; ; n++) {
      const id = section.idPrefix + n;
      if (!taken.has(id)) return id;
    }
  }

  /** Gives every item and field of a section its JSON path, and the items their numbers and button labels. */
  function renumber(section) {
    const details = $('#section-' + section.key);
    const items = Array.from($('.items', details).children);
    items.forEach((item, index) => {
      const base = section.kind === 'list' ? '$.' + section.key + '[' + index + ']' : '$.' + section.key;
      item.setAttribute('data-path', base);
      const number = section.kind === 'list' ? ' ' + (index + 1) : '';
      const legend = item.querySelector('legend');
      legend.textContent = lang === 'zh' ? section.itemZh + number : capital(section.itemEn) + number;
      const remove = item.querySelector('.remove');
      remove.textContent = lang === 'zh' ? UI.zh.remove + section.itemZh + number
        : UI.en.remove + ' ' + section.itemEn + number;
      for (const field of item.querySelectorAll('.field')) {
        field.setAttribute('data-path', base + '.' + field.getAttribute('data-name'));
      }
    });
    const add = $('.add', details);
    add.hidden = section.kind === 'object' && items.length > 0;
    const count = $('.count', details);
    count.textContent = items.length ? ' · ' + items.length + ' ' + ui('items') : '';
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function buildField(field, path) {
    const id = 'f' + (++nextId);
    const wrapper = el('div', { class: 'field field-' + field.type, 'data-name': field.name.split('.').pop(),
      'data-field': field.name, 'data-type': field.type, 'data-path': path });
    const describedBy = [];
    const hint = (field.hintZh || field.hintEn) ? tr(el('p', { class: 'hint', id: id + '-hint' }),
      field.hintZh, field.hintEn) : null;
    if (hint) describedBy.push(hint.id);
    const error = el('p', { class: 'field-error', id: id + '-error', hidden: true });
    describedBy.push(error.id);
    const labelText = () => [tr(el('span', { class: 'label-text' }), field.zh, field.en),
      field.required ? el('span', { class: 'required', 'aria-hidden': 'true' }, '*') : null, ' ',
      clauseTag(field.clauses)];

    if (field.type === 'boolean') {
      const input = el('input', { type: 'checkbox', id, 'aria-describedby': describedBy.join(' ') });
      wrapper.append(input, el('label', { for: id }, ...labelText()), ...[hint, error].filter(Boolean));
      return wrapper;
    }
    if (field.type === 'enumList') {
      const group = el('fieldset', { class: 'choices', 'aria-describedby': describedBy.join(' ') });
      group.append(el('legend', {}, ...labelText()));
      for (const [constant, names] of Object.entries(table.enums[field.enum])) {
        const optionId = id + '-' + constant;
        group.append(el('span', { class: 'choice' },
          el('input', { type: 'checkbox', id: optionId, value: constant }),
          tr(el('label', { for: optionId }), names.zh, names.en)));
      }
      wrapper.append(group, ...[hint, error].filter(Boolean));
      return wrapper;
    }
    const label = el('label', { for: id }, ...labelText());
    let input;
    if (field.type === 'enum') {
      input = el('select', { id });
      input.append(tr(el('option', { value: '' }), '— ' + UI.zh.choose + ' —', '— ' + UI.en.choose + ' —'));
      for (const [constant, names] of Object.entries(table.enums[field.enum])) {
        input.append(tr(el('option', { value: constant }), names.zh, names.en));
      }
    } else if (field.type === 'textList') {
      input = el('textarea', { id, rows: 2 });
    } else {
      input = el('input', { type: 'text', id, autocomplete: 'off', spellcheck: 'false' });
      if (field.type === 'amount') {
        input.setAttribute('inputmode', 'decimal');
        input.setAttribute('placeholder', '0.00');
      } else if (field.type === 'integer') {
        input.setAttribute('inputmode', 'numeric');
      } else if (field.type === 'date') {
        input.setAttribute('placeholder', 'YYYY-MM-DD');
      } else {
        input.setAttribute('maxlength', '200');
      }
    }
    if (field.name === 'subject') input.setAttribute('list', 'subject-ids');
    if (field.required) input.setAttribute('aria-required', 'true');
    input.setAttribute('aria-describedby', describedBy.join(' '));
    wrapper.append(label, input, ...[hint, error].filter(Boolean));
    return wrapper;
  }

  // ---- reading and writing the form ------------------------------------------------------------------------

  function readField(wrapper) {
    const type = wrapper.getAttribute('data-type');
    if (type === 'boolean') {
      return $('input', wrapper).checked ? true : undefined;
    }
    if (type === 'enumList') {
      const chosen = Array.from(wrapper.querySelectorAll('input:checked'), (i) => i.value);
      return chosen.length ? chosen : undefined;
    }
    const control = $('input, select, textarea', wrapper);
    if (type === 'textList') {
      const lines = control.value.split('\n').map((s) => s.trim()).filter((s) => s !== '');
      return lines.length ? lines : undefined;
    }
    const value = type === 'text' ? control.value : control.value.trim();
    if (value === '') return undefined;
    if (type === 'integer' && /^[+-]?[0-9]{1,9}$/.test(value)) return Number(value);
    return value;
  }

  function writeField(wrapper, value) {
    const type = wrapper.getAttribute('data-type');
    if (type === 'boolean') {
      $('input', wrapper).checked = value === true;
    } else if (type === 'enumList') {
      const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
      for (const box of wrapper.querySelectorAll('input')) box.checked = chosen.has(box.value);
    } else if (type === 'textList') {
      $('textarea', wrapper).value = Array.isArray(value) ? value.join('\n') : '';
    } else {
      const control = $('input, select', wrapper);
      control.value = value === undefined || value === null ? '' : String(value);
    }
  }

  function setValues(container, fields, values) {
    for (const field of fields) {
      const wrapper = container.querySelector('.field[data-field="' + field.name + '"]');
      writeField(wrapper, values[field.name.split('.').pop()]);
    }
  }

  /** The application as the JSON of the contract: what is opened and filled in, defaults left out. */
  function collect() {
    const application = {};
    for (const section of table.sections) {
      const details = $('#section-' + section.key);
      if (section.kind === 'root') {
        for (const field of section.fields) {
          const value = readField(details.querySelector('.field[data-field="' + field.name + '"]'));
          const parts = field.name.split('.');
          let target = application;
          for (const part of parts.slice(0, -1)) target = target[part] = target[part] || {};
          if (value !== undefined) target[parts[parts.length - 1]] = value;
        }
        application.enterprise = application.enterprise || {};
        continue;
      }
      const items = Array.from($('.items', details).children, (item) => {
        const object = {};
        for (const field of section.fields) {
          const value = readField(item.querySelector('.field[data-field="' + field.name + '"]'));
          if (value !== undefined) object[field.name] = value;
        }
        return object;
      });
      if (section.kind === 'list' && items.length) application[section.key] = items;
      if (section.kind === 'object' && items.length) application[section.key] = items[0];
    }
    return order(application);
  }

  /** The fields in the schema's order, so a saved file reads like the examples. */
  function order(application) {
    const out = {};
    for (const key of ['id', 'applicationDate']) if (key in application) out[key] = application[key];
    const enterprise = {};
    for (const field of table.sections[0].fields) {
      const name = field.name.split('.');
      if (name[0] === 'enterprise' && application.enterprise[name[1]] !== undefined) {
        enterprise[name[1]] = application.enterprise[name[1]];
      }
    }
    out.enterprise = enterprise;
    for (const section of table.sections.slice(1)) {
      if (section.key in application) out[section.key] = application[section.key];
    }
    return out;
  }

  /** Fills the form from an application; returns the paths of the fields that have no place on it. */
  function fill(application) {
    const unknown = [];
    const known = (object, names, path) => {
      if (object && typeof object === 'object' && !Array.isArray(object)) {
        for (const key of Object.keys(object)) if (!names.includes(key)) unknown.push(path + '.' + key);
      }
    };
    const root = table.sections[0];
    known(application, ['id', 'applicationDate', 'enterprise'].concat(table.sections.slice(1).map((s) => s.key)), '$');
    known(application.enterprise, root.fields.filter((f) => f.name.startsWith('enterprise.'))
      .map((f) => f.name.split('.')[1]), '$.enterprise');
    for (const item of document.querySelectorAll('.item')) item.remove();
    const rootDetails = $('#section-' + root.key);
    for (const field of root.fields) {
      const parts = field.name.split('.');
      let value = application;
      for (const part of parts) value = value && typeof value === 'object' ? value[part] : undefined;
      writeField(rootDetails.querySelector('.field[data-field="' + field.name + '"]'), value);
    }
    for (const section of table.sections.slice(1)) {
      const value = application[section.key];
      const list = section.kind === 'list' ? (Array.isArray(value) ? value : [])
        : (value && typeof value === 'object' ? [value] : []);
      list.forEach((item, i) => {
        const object = item && typeof item === 'object' ? item : {};
        known(object, section.fields.map((f) => f.name), '$.' + section.key + (section.kind === 'list' ? '[' + i + ']' : ''));
        addItem(section, object);
      });
      $('#section-' + section.key).open = list.length > 0;
      renumber(section);
    }
    return unknown;
  }

  // ---- evaluation ------------------------------------------------------------------------------------------

  /** The ids an award under another policy may name: the enterprise's and every item's. */
  function offerSubjects() {
    const list = $('#subject-ids');
    const application = collect();
    const ids = [application.enterprise.id];
    for (const section of table.sections.slice(1)) {
      if (section.key === 'otherAwards' || !Array.isArray(application[section.key])) continue;
      for (const item of application[section.key]) ids.push(item.id);
    }
    list.textContent = '';
    for (const id of new Set(ids.filter((id) => typeof id === 'string' && id.trim() !== ''))) {
      list.append(el('option', { value: id }));
    }
  }

  function changed() {
    clearTimeout(timer);
    setState('pending');
    timer = setTimeout(evaluate, DEBOUNCE_MS);
  }

  /** Shows a state, unless the applicant has typed since the request was sent (another one is on its way). */
  function settle(state) {
    setState(timer === null ? state : 'pending');
  }

  async function evaluate() {
    clearTimeout(timer);
    timer = null;
    if (controller) {
      controller.abort();
      counters.aborted++;
    }
    const mine = new AbortController();
    controller = mine;
    const number = ++sequence;
    const body = JSON.stringify(collect());
    offerSubjects();
    counters.requests++;
    publishCounters();
    setState('pending');
    let response;
    let document_ = null;
    try {
      response = await fetch(EVALUATE + '?lang=' + lang, {
        method: 'POST', body, signal: mine.signal,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' }
      });
      try {
        document_ = await response.json();
      } catch (unreadable) {
        document_ = null;
      }
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      if (number === sequence) showFailure(0, null);
      return;
    } finally {
      if (controller === mine) controller = null;
    }
    if (number !== sequence) return;
    if (response.ok && document_ && Array.isArray(document_.lines)) {
      showDecision(document_);
    } else if (response.status === 400 && document_ && Array.isArray(document_.problems)) {
      showProblems(document_.problems);
    } else {
      showFailure(response.status, document_);
    }
  }

  function publishCounters() {
    document.body.setAttribute('data-requests', String(counters.requests));
    document.body.setAttribute('data-aborted', String(counters.aborted));
  }

  function setState(state) {
    $('#results').setAttribute('data-state', state);
    const status = $('#result-status');
    if (state === 'pending') status.textContent = ui('pending');
    else if (state === 'idle') status.textContent = ui('idle');
    else if (state === 'evaluated') status.textContent = ui('evaluated');
    else if (state === 'invalid') status.textContent = ui('invalid', problems.length);
    else if (state === 'failed') status.textContent = failureText();
  }

  function failureText() {
    if (!failure) return '';
    if (failure.status === 413) return ui('tooLarge');
    if (failure.status === 429) return ui('busy');
    return ui('failed', failure.status);
  }

  // ---- problems at their fields ----------------------------------------------------------------------------

  function clearProblems() {
    for (const node of document.querySelectorAll('.field-error')) {
      node.hidden = true;
      node.textContent = '';
    }
    for (const node of document.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
    for (const node of document.querySelectorAll('.has-error')) node.classList.remove('has-error');
    const box = $('#form-problem');
    box.hidden = true;
    box.textContent = '';
  }

  /** The field or item a problem's path belongs to: the path itself, or the nearest enclosing one. */
  function placeOf(path) {
    let p = String(path);
    while (p && p !== '$') {
      const found = document.querySelector('[data-path="' + CSS.escape(p) + '"]');
      if (found) return found;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) break;
      p = p.slice(0, cut);
    }
    return null;
  }

  function message(problem) {
    const text = String(problem.message);
    const fragment = document.createDocumentFragment();
    const gloss = UI[lang].gloss.find(([pattern]) => pattern.test(text));
    if (gloss) fragment.append(el('span', { class: 'gloss' }, gloss[1] + '：'));
    fragment.append(el('span', { class: 'reader-message', lang: 'en' }, text));
    return fragment;
  }

  function showProblems(list) {
    decision = null;
    failure = null;
    problems = list.map((p) => ({ path: String(p.path || '$'), message: String(p.message || '') }));
    renderProblems();
    $('#result-body').textContent = '';
    settle('invalid');
  }

  function renderProblems() {
    clearProblems();
    const box = $('#form-problem');
    box.append(el('p', { class: 'problems-heading' }, ui('problemsHeading', problems.length)));
    const list = el('ul');
    for (const problem of problems) {
      const place = placeOf(problem.path);
      const item = el('li');
      if (place) {
        const slot = place.classList.contains('item') ? place.querySelector(':scope > .field-error')
          : place.querySelector('.field-error');
        slot.hidden = false;
        if (slot.childNodes.length) slot.append(el('br'));
        slot.append(message(problem));
        place.classList.add('has-error');
        const control = place.classList.contains('item') ? null : place.querySelector('input, select, textarea');
        if (control) control.setAttribute('aria-invalid', 'true');
        const details = place.closest('details');
        if (details) details.open = true;
        const target = control || place.querySelector('input, select, textarea, button');
        const link = el('a', { href: '#' + (target ? target.id || '' : '') });
        const label = place.querySelector('.label-text, legend');
        link.append((label ? label.textContent : problem.path) + ui('colon'));
        link.addEventListener('click', (event) => {
          event.preventDefault();
          if (target) target.focus();
        });
        item.append(link, message(problem));
      } else {
        item.append(message(problem));
      }
      item.append(el('span', { class: 'path' }, ' (' + problem.path + ')'));
      list.append(item);
    }
    box.append(list);
    box.hidden = false;
  }

  function showFailure(status, document_) {
    decision = null;
    problems = null;
    failure = { status, kind: document_ && typeof document_.error === 'string' ? document_.error : null };
    clearProblems();
    $('#result-body').textContent = '';
    settle('failed');
  }

  // ---- the decision ----------------------------------------------------------------------------------------

  /** An amount of the decision (a decimal string) with thousands separators; never through a float. */
  function money(amount) {
    if (amount === null || amount === undefined) return '';
    const match = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(String(amount));
    if (!match) return String(amount);
    const whole = match[2].replace(/\B(?=([0-9]{3})+(?![0-9]))/g, ',');
    return match[1] + whole + '.' + (match[3] || '00').padEnd(2, '0');
  }

  function subjects() {
    const names = {};
    const application = collect();
    if (application.enterprise && application.enterprise.id) names[application.enterprise.id] = application.enterprise.name;
    for (const section of table.sections.slice(1)) {
      const items = application[section.key];
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        if (item.id && !(item.id in names)) names[item.id] = item.name || item.product || item.project || item.policy || '';
      }
    }
    return names;
  }

  function isPlaceholderReading(reading, validity) {
    if (!validity) return false;
    const text = String(reading.rule) + ' ' + String(reading.en);
    return text.includes(validity.from) && text.includes(validity.to);
  }

  function showDecision(document_) {
    decision = document_;
    problems = null;
    failure = null;
    clearProblems();
    renderDecision();
    settle('evaluated');
  }

  function renderDecision() {
    const d = decision;
    const body = $('#result-body');
    body.textContent = '';
    const names = subjects();
    const text = (pair) => (pair && typeof pair === 'object' ? pair[lang] : '') || '';
    const placeholder = (d.readings || []).some((r) => isPlaceholderReading(r, d.validity));

    const ceilings = d.lines.filter((l) => l.status === 'CEILING');
    body.append(el('div', { class: 'total' },
      el('span', { class: 'total-label' }, ui('total')),
      el('strong', { id: 'total', 'data-amount': d.total }, money(d.total) + ' ' + ui('yuan')),
      ceilings.length ? el('span', { class: 'total-note' }, ui('reviewNotCounted')) : null));

    const validity = el('p', { id: 'validity', class: 'validity' + (placeholder ? ' placeholder' : '') },
      el('span', {}, ui('validity') + ui('colon')), d.validity.from + ' – ' + d.validity.to);
    if (placeholder) {
      validity.append(' ', el('mark', { class: 'flag' }, '⚠ ' + ui('placeholder')),
        el('span', { class: 'placeholder-note' }, ' ' + ui('placeholderNote')));
    }
    body.append(validity);

    const totals = el('table', { id: 'totals-by-clause', class: 'totals' },
      el('caption', {}, ui('totalsByClause')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ui('clauseCol')),
        el('th', { scope: 'col', class: 'num' }, ui('amountCol')))));
    const tbody = el('tbody');
    for (const [clause, amount] of Object.entries(d.totalsByClause || {})) {
      const title = table.clauses[clause] ? table.clauses[clause][lang] : '';
      tbody.append(el('tr', { 'data-clause': clause, 'data-amount': amount },
        el('th', { scope: 'row' }, clauseName(clause) + (title ? ' ' + title : '')),
        el('td', { class: 'num' }, money(amount))));
    }
    totals.append(tbody);
    body.append(totals);

    const lines = el('ol', { id: 'lines', class: 'lines', 'aria-label': ui('lines') });
    for (const line of d.lines) {
      const status = table.statuses[line.status] ? table.statuses[line.status][lang] : line.status;
      const subject = line.subject + (names[line.subject] ? ' ' + names[line.subject] : '');
      const item = el('li', { class: 'line status-' + line.status, 'data-clause': line.clause,
        'data-subject': line.subject, 'data-status': line.status, 'data-amount': line.amount },
      el('div', { class: 'line-head' },
        el('span', { class: 'line-clause' }, clauseName(line.clause)),
        el('span', { class: 'line-subject' }, subject),
        el('span', { class: 'badge' }, status),
        el('span', { class: 'line-amount' }, money(line.amount))),
      el('p', { class: 'explanation' }, text(line.explanation)));
      if (line.reasons && line.reasons.length) {
        const heading = line.status === 'NOT_ELIGIBLE' ? ui('unmet') : ui('supports');
        const reasons = el('ul', { class: 'reasons', 'aria-label': heading });
        for (const reason of line.reasons) reasons.append(el('li', {}, text(reason)));
        item.append(el('p', { class: 'reasons-heading' }, heading), reasons);
      }
      if (line.excludedBy) {
        const by = line.excludedBy;
        const winner = by.clause ? clauseName(by.clause) : ui('otherAward') + ' ' + by.otherAward + ' ' + (by.policy || '');
        const [open, close] = lang === 'zh' ? ['（', '）'] : [' (', ')'];
        item.append(el('p', { class: 'excluded-by' }, ui('excludedBy') + ' ' + winner + open + money(by.amount)
          + ' ' + ui('yuan') + close));
      }
      lines.append(item);
    }
    body.append(el('h3', {}, ui('lines')), lines);

    const review = el('ul', { id: 'ceilings', class: 'ceilings' });
    for (const line of ceilings) {
      review.append(el('li', { 'data-clause': line.clause, 'data-subject': line.subject, 'data-cap': line.cap },
        clauseName(line.clause) + ' ' + line.subject + ui('colon') + ui('upTo') + ' ' + money(line.cap) + ' ' + ui('yuan')));
    }
    if (!ceilings.length) review.append(el('li', { class: 'none' }, ui('noCeilings')));
    body.append(el('h3', {}, ui('ceilings')), review);

    const forgone = el('ul', { id: 'forgone', class: 'forgone' });
    for (const award of d.forgone || []) {
      forgone.append(el('li', { 'data-other-award': award.otherAward, 'data-amount': award.amount },
        text(award.explanation)));
    }
    if (!(d.forgone || []).length) forgone.append(el('li', { class: 'none' }, ui('noForgone')));
    body.append(el('h3', {}, ui('forgone')), forgone);

    if ((d.measuresNotApplicable || []).length) {
      body.append(el('h3', {}, ui('notApplicable')),
        el('p', { id: 'not-applicable', class: 'not-applicable' },
          d.measuresNotApplicable.map((m) => ui('measure', m)).join(lang === 'zh' ? '、' : ', ')));
    }

    const readings = el('ul', { id: 'readings', class: 'readings' });
    for (const reading of d.readings || []) {
      const flagged = isPlaceholderReading(reading, d.validity);
      readings.append(el('li', { class: flagged ? 'placeholder' : null, 'data-placeholder': flagged ? 'true' : null },
        flagged ? el('mark', { class: 'flag' }, '⚠ ' + ui('placeholder')) : null, flagged ? ' ' : null,
        reading[lang], el('span', { class: 'rule' }, ' — ' + ui('rule') + ui('colon') + reading.rule)));
    }
    body.append(el('h3', {}, ui('readings')), readings);

    const audit = d.audit || {};
    body.append(el('h3', {}, ui('audit')), el('dl', { id: 'audit', class: 'audit' },
      el('dt', {}, ui('rulesVersion')), el('dd', {}, String(d.rulesVersion || '')),
      el('dt', {}, ui('engineVersion')), el('dd', {}, String(audit.engineVersion || '')),
      el('dt', {}, ui('inputSha')), el('dd', { class: 'hash' }, String(audit.inputSha256 || '')),
      el('dt', {}, ui('evaluatedAt')), el('dd', {}, String(audit.evaluatedAt || ''))));
    renderReportSubject();
  }

  function renderReportSubject() {
    const application = collect();
    const name = application.enterprise.name || application.enterprise.id || '';
    $('#report-subject').textContent = [name, ui('reportFor') + ' ' + (application.id || ''),
      application.applicationDate || ''].filter(Boolean).join(' · ');
  }

  // ---- language --------------------------------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = ui('title');
    for (const node of document.querySelectorAll('[data-ui]')) node.textContent = ui(node.getAttribute('data-ui'));
    const switcher = $('#lang-switch');
    switcher.textContent = ui('switchTo');
    switcher.lang = lang === 'zh' ? 'en' : 'zh-CN';
    for (let i = translated.length - 1; i >= 0; i--) {
      const [node, texts] = translated[i];
      if (!node.isConnected) {
        translated.splice(i, 1);
        continue;
      }
      node.textContent = texts.fn ? texts.fn() : texts[lang];
    }
    for (const section of table.sections) if (section.kind !== 'root') renumber(section);
    if (decision) renderDecision();
    if (problems) renderProblems();
    const state = $('#results').getAttribute('data-state');
    if (state) setState(state);
  }

  // ---- save, load, print -----------------------------------------------------------------------------------

  function save() {
    const application = collect();
    const json = JSON.stringify(application, null, 2) + '\n';
    const name = (String(application.id || 'application').replace(/[^A-Za-z0-9._-]+/g, '_') || 'application') + '.json';
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    fileStatus(ui('savedAs', name), false);
  }

  /** Parses JSON keeping every number's own digits (amounts stay exact decimals). */
  function parseExact(text) {
    return JSON.parse(text, function (key, value, context) {
      if (typeof value === 'number' && context && typeof context.source === 'string') return context.source;
      return value;
    });
  }

  function load(file) {
    const reader = new FileReader();
    reader.onload = () => {
      let application;
      try {
        application = parseExact(String(reader.result));
      } catch (error) {
        fileStatus(ui('unreadable', error.message), true);
        return;
      }
      if (!application || typeof application !== 'object' || Array.isArray(application)) {
        fileStatus(ui('notAnApplication'), true);
        return;
      }
      const unknown = fill(application);
      fileStatus(ui('loaded', file.name) + (unknown.length ? ' ' + ui('unknownFields', unknown.join(', ')) : ''),
        unknown.length > 0);
      evaluate();
    };
    reader.onerror = () => fileStatus(ui('unreadable', String(reader.error)), true);
    reader.readAsText(file);
  }

  function fileStatus(text, warning) {
    const status = $('#file-status');
    status.textContent = text;
    status.classList.toggle('warning', warning);
  }

  // ---- start -----------------------------------------------------------------------------------------------

  async function start() {
    const response = await fetch('form.json');
    table = await response.json();
    buildForm();
    const form = $('#application-form');
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', (event) => event.preventDefault());
    $('#lang-switch').addEventListener('click', () => {
      lang = lang === 'zh' ? 'en' : 'zh';
      applyLanguage();
      const url = new URL(window.location.href);
      if (lang === 'en') url.searchParams.set('lang', 'en'); else url.searchParams.delete('lang');
      window.history.replaceState(null, '', url);
    });
    if (new URLSearchParams(window.location.search).get('lang') === 'en') {
      lang = 'en';
      applyLanguage();
    }
    $('#save').addEventListener('click', save);
    $('#print').addEventListener('click', () => window.print());
    $('#load').addEventListener('change', (event) => {
      const file = event.target.files && event.target.files[0];
      if (file) load(file);
      event.target.value = '';
    });
    publishCounters();
    setState('idle');
    document.body.setAttribute('data-ready', 'true');
  }

  start().catch(() => {
    $('#result-status').textContent = UI.zh.failed(0) + ' / ' + UI.en.failed(0);
  });
})();
