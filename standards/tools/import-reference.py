# Regenerates standards/datasets from the transcribed reference lists in ../shared/reference (run by hand:
#   python3 standards/tools/import-reference.py [REFERENCE_DIR]
# from the repository root). The English names are kept in names.py beside this file.
import json, collections, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from names import EN, MAJOR_EN
REF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', 'shared', 'reference')
OUT = os.path.join(HERE, '..', 'datasets')
comps = json.load(open(f'{REF}/component-classes.json'))
events = json.load(open(f'{REF}/event-classes.json'))
rules = json.load(open(f'{REF}/case-rules.json'))

def norm(name):
    return name.replace('(', '（').replace(')', '）').strip()

def write(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write('\n')

GB_SRC = 'GitHub Jackyhellolove/city-inspection-ai : supabase-gb47678.5-directory.sql (commit 088839d9f9591a2170f8d45b533086b8f1971d0d), a transcription of GB/T 47678.5-2026 附录A 表A.1 and 附录C 表C.1; see standards/README.md'

def class_file(scheme, kind, standard, sources, entries, major_name_key='bigClassName', major_status=None):
    majors = collections.OrderedDict()
    classes = []
    for x in entries:
        mc = x['bigClass']
        if mc not in majors:
            m = {'code': mc, 'nameZh': x[major_name_key] or None}
            en = MAJOR_EN.get((scheme, kind, mc))
            if en: m['nameEn'] = en
            status = major_status(x) if major_status else None
            if status: m['nameStatus'] = status
            majors[mc] = m
        c = {'code': x['code'], 'majorCode': mc, 'nameZh': x['name']}
        en = EN.get(x['name'])
        if en is None and x.get('relatedComponentCode'):
            base = next(k for k in comps if k['code'] == x['relatedComponentCode'])
            en = EN[base['name']] + ' anomaly'
        if en: c['nameEn'] = en
        status = x['codeStatus']
        c['codeStatus'] = 'derived-from-sequence' if status.startswith('derived') else 'explicit-in-source'
        if x.get('relatedComponentCode'): c['relatedComponentCode'] = x['relatedComponentCode']
        if x.get('codeAsWritten'): c['codeAsWritten'] = x['codeAsWritten']
        if x.get('note'): c['note'] = x['note']
        if x['code'] == '01066' and kind == 'event':
            c['note'] = 'name as written in the source (component 01066 is 紧急报警点SOS)'
        classes.append(c)
    return {'$schema': '../../schema/class-list.schema.json', 'scheme': scheme, 'kind': kind, 'standard': standard,
            'sources': sources, 'majors': list(majors.values()), 'classes': classes}

gb_comp = [x for x in comps if x['scheme'].startswith('GB/T 47678.5')]
gb_ev = [x for x in events if x['scheme'].startswith('GB/T 47678.5')]
lg_comp = [x for x in comps if x['scheme'].startswith('legacy')]
lg_ev = [x for x in events if x['scheme'].startswith('legacy')]
assert (len(gb_comp), len(gb_ev), len(lg_comp), len(lg_ev)) == (153, 250, 85, 16)

write('gbt47678/components.json', class_file('gbt47678', 'component', 'GB/T 47678.5-2026 城市运行管理服务平台 第5部分：管理部件和事项 — 附录A 表A.1 管理部件', [GB_SRC], gb_comp))
write('gbt47678/events.json', class_file('gbt47678', 'event', 'GB/T 47678.5-2026 城市运行管理服务平台 第5部分：管理部件和事项 — 附录C 表C.1 管理事项', [GB_SRC], gb_ev))
LG_COMP_SRC = [
  "GitHub file (repository not identified): com.cetccity.operationcenter…rundisplay.api.map.CityComponentLoadMapApi — Shenzhen table list 'BJxxxx=名称' (codes printed)",
  "GitHub file (repository not identified): Oracle seed SQL 'propertydicts', domain 部件类型/部件名称, dated 2013-03-07 (names and order; the only source for codes marked derived-from-sequence)",
]
write('legacy/components.json', class_file('legacy', 'component', 'CJ/T 214-2007 → GB/T 30428.2-2013 lineage, 4-digit codes as used by implementations (standard text not seen)', LG_COMP_SRC, lg_comp))
LG_EV_SRC = ["GitHub file (repository not identified): com.cmict.server.system.enums.EventType — codes written 'BB-SS'; big-class names not in the source"]
def lg_major_status(x):
    if not x['bigClassName']: return 'unknown'
    return 'inferred' if x.get('bigClassNameInferred') else None
write('legacy/events.json', class_file('legacy', 'event', 'GB/T 30428.2-2013 (inferred from the code pattern; not verified against the standard text)', LG_EV_SRC, lg_ev, major_status=lg_major_status))

# ---- crosswalk legacy -> gbt47678 (names) ----
gb_comp_by_name = {norm(x['name']): x['code'] for x in gb_comp}
gb_ev_by_name = {norm(x['name']): x['code'] for x in gb_ev if not x.get('relatedComponentCode')}
COMP_SYN = {  # legacy name -> (gbt code, match, basis)
 '上水井盖': ('01001', 'synonym', '上水 = 供水 (case-rules.md §1.4 for the same pair in Yuncheng)'),
 '通讯井盖': ('01007', 'synonym', '通讯 = 通信'),
 '无主井盖': ('01023', 'synonym', '无主 (no owner) = 不明 (owner unknown)'),
 '通讯交接箱': ('01027', 'synonym', '通讯 = 通信 (case-rules.md §1.4)'),
 '健身设施': ('01046', 'synonym', '2026 name adds 户外 (outdoor)'),
 '民用水井': ('01024', 'partial', '2026 水井 covers all wells, legacy only domestic ones'),
 '监控电子眼': ('01050', 'synonym', '2026 name adds 设施'),
 '停车咪表': ('02003', 'synonym', 'parking meter = parking fee equipment'),
 '公交站亭': ('02004', 'synonym', 'case-rules.md §1.4 pairs 公交站亭（牌） with 02004'),
 '出租车站牌': ('02005', 'partial', 'a stand sign vs the whole taxi stand'),
 '高架立交桥': ('02008', 'synonym', '2026 drops 高架'),
 '交通标志牌': ('02010', 'partial', '2026 class adds road markings'),
 '灯箱霓虹灯': ('03006', 'partial', 'light boxes and neon signs are one form of outdoor advertising'),
 '广告牌匾': ('03007', 'partial', '2026 splits advertising (03006) from shop signs (03007)'),
 '街头坐椅': ('04007', 'synonym', '坐椅 / 座椅 are variant spellings'),
 '绿地维护设施': ('04009', 'synonym', '维护设施 / 附属设施'),
 '防洪墙': ('01071', 'synonym', 'the 2013 seed SQL itself spells it 防汛墙'),
}
LEGACY_SPLIT = {'立杆': [('01030', '电力立杆'), ('01031', '通信立杆'), ('01032', '公交立杆'), ('01033', '特殊立杆'), ('01034', '不明立杆')]}
EV_SYN = {
 '乱堆物堆料': ('06036', 'synonym', 'case-rules.md §1.4 pairs the Yuncheng 乱堆物堆料 with 06036'),
 '垃圾满溢': ('06042', 'synonym', '2026 names the bin or station'),
 '渣土车未密闭运输': ('08011', 'synonym', 'same offence, 2026 wording'),
}
cw = []
for x in lg_comp:
    n = norm(x['name'])
    if n in gb_comp_by_name:
        cw.append({'kind': 'component', 'fromCode': x['code'], 'toCode': gb_comp_by_name[n], 'match': 'same-name'})
    elif x['name'] in COMP_SYN:
        code, match, basis = COMP_SYN[x['name']]
        cw.append({'kind': 'component', 'fromCode': x['code'], 'toCode': code, 'match': match, 'basis': basis})
    elif x['name'] in LEGACY_SPLIT:
        for code, nm in LEGACY_SPLIT[x['name']]:
            cw.append({'kind': 'component', 'fromCode': x['code'], 'toCode': code, 'match': 'partial', 'basis': '2026 splits 立杆 by owner (standards-research.md §1.2)'})
for x in lg_ev:
    n = norm(x['name'])
    if n in gb_ev_by_name:
        cw.append({'kind': 'event', 'fromCode': x['code'], 'toCode': gb_ev_by_name[n], 'match': 'same-name'})
    elif x['name'] in EV_SYN:
        code, match, basis = EV_SYN[x['name']]
        cw.append({'kind': 'event', 'fromCode': x['code'], 'toCode': code, 'match': match, 'basis': basis})
unmatched = [x['name'] for x in lg_comp + lg_ev if not any(c['fromCode'] == x['code'] and (c['kind'] == 'component') == (x in lg_comp) for c in cw)]
print('legacy without counterpart:', unmatched)
write('crosswalk/legacy-gbt47678.json', {'$schema': '../../schema/crosswalk.schema.json', 'from': 'legacy', 'to': 'gbt47678',
  'method': 'Matched by Chinese name: same-name after normalising full/half-width brackets; synonym and partial are this catalogue\'s judgement (basis given). Codes are never matched by position.',
  'entries': cw})

# ---- case rules ----
SOURCES = [
 {'id': 'S1', 'city': '运城市', 'title': '运城市城市综合管理服务立案、处置和结案标准（部件）', 'reference': 'GitHub zhcg2026/smart_cityguard : standards_preview.csv (commit 3440bf37d2b82d3520fcc1424d80bc76edb324d3)'},
 {'id': 'S2', 'city': '运城市', 'title': '运城市中心城区数字化城市管理部件事件类监管立案、处置和结案标准及处置责任分解表（部件类）', 'reference': 'GitHub zhcg2026/smart_cityguard : muban.xlsx, sheet 部件 (commit 3440bf37d2b82d3520fcc1424d80bc76edb324d3)'},
 {'id': 'S3', 'city': '运城市', 'title': '市中心城区数字化城市管理部件事件类监管立案、处置和结案标准及处置责任分解表（事件类）(运城项目)', 'reference': 'GitHub zhcg2026/smart_cityguard : muban.xlsx, sheet 事件 (commit 3440bf37d2b82d3520fcc1424d80bc76edb324d3)'},
 {'id': 'S4', 'city': '未署名区', 'title': '数字化城市管理立案、结案标准（事件类）', 'reference': 'https://renrendoc.com/paper/191493937.html'},
 {'id': 'S5', 'city': '济源市', 'title': '济源市数字化城市管理城市事件信息采集、立案、处置与结案标准', 'reference': 'https://ishare.iask.com/f/2gaIATvprR5.html'},
]
def source_id(row):
    s = row['source']
    if 'standards_preview.csv' in s: return 'S1'
    if 'sheet 部件' in s: return 'S2'
    if 'sheet 事件' in s: return 'S3'
    if 'renrendoc' in s: return 'S4'
    if 'iask' in s: return 'S5'
    raise Exception(s)

# extra name matches made by this catalogue (rows the research left without a cross-walk)
EXTRA_EVENT = {
 ('运城市', '0192'): ('06042', 'synonym'), ('运城市', '0507'): ('10001', 'synonym'), ('运城市', '0397'): ('08014', 'synonym'),
 ('运城市', '0196'): ('06040', 'synonym'), ('运城市', '0493'): ('09011', 'synonym'), ('运城市', '0498'): ('09020', 'synonym'),
 ('运城市', '0299'): ('07008', 'synonym'),
 ('未署名区', '0101'): ('06001', 'same-name'), ('未署名区', '0102'): ('06010', 'same-name'), ('未署名区', '0103'): ('06011', 'synonym'),
 ('未署名区', '0104'): ('06012', 'synonym'), ('未署名区', '0105'): ('06017', 'synonym'),
 ('济源市', '01'): ('06001', 'synonym'), ('济源市', '02'): ('06010', 'same-name'), ('济源市', '03'): ('06011', 'same-name'),
 ('济源市', '04'): ('06012', 'same-name'), ('济源市', '05'): ('06025', 'same-name'),
}
# 绿地养护 (plants missing or dead, collapsed tree pits) is a problem of the 绿地 component
EXTRA_COMPONENT = {('未署名区', '0106'): ('04013', 'synonym')}

def dept_type(unit):
    first = (unit or '').split('、')[0]
    if not first: return 'city-department'
    if first.startswith('所属街办') or '街道' in first: return 'street-office'
    if '公司' in first or '企业' in first or first == '各产权单位': return 'utility-company'
    if first.startswith('区') or first.startswith('属地') or first.startswith('各派出所'): return 'district-department'
    return 'city-department'

def deadline_of(row):
    d = row['deadline']; derived = []
    if d['urgency'] == '紧急':
        value = d['value'] * (24 if d['unit'] == '工作日' else 1)
        derived.append('deadline: 紧急 counts continuous clock hours (case-rules.md §4)' + ('; 紧急工作日 × 24 小时' if d['unit'] == '工作日' else ''))
        return {'value': value, 'unit': '小时'}, True, derived
    if row.get('deadlineNote', '').startswith('printed'):
        derived.append('deadline: ' + row['deadlineNote'])
    return {'value': d['value'], 'unit': d['unit']}, False, derived

# class-level cross-walk from the research: one row of a class may carry it, apply to the class
class_cw = {}
for r in rules:
    if r.get('crosswalkGB47678_5'):
        class_cw[(r['city'], r['kind'], r['classCode'], r['className'])] = (r['crosswalkGB47678_5']['code'], r['crosswalkGB47678_5']['match'], 'research')
gb_by_kind_name = {'component': gb_comp_by_name, 'event': gb_ev_by_name}

national = collections.OrderedDict()   # (kind, code) -> conditions
local = collections.OrderedDict()      # (kind, yuncheng code, name) -> conditions
counters = collections.Counter()
for r in rules:
    key = (r['city'], r['kind'], r['classCode'], r['className'])
    target = class_cw.get(key)
    kind = r['kind']
    if not target and kind == 'event' and (r['city'], r['classCode']) in EXTRA_COMPONENT:
        kind = 'component'
        extra = EXTRA_COMPONENT[(r['city'], r['classCode'])]
        target = (extra[0], extra[1], 'catalogue')
    if not target:
        extra = EXTRA_EVENT.get((r['city'], r['classCode'])) if kind == 'event' else None
        if extra: target = (extra[0], extra[1], 'catalogue')
    if not target:
        n = norm(r['className'])
        if n in gb_by_kind_name[r['kind']]: target = (gb_by_kind_name[r['kind']][n], 'same-name', 'catalogue')
    sid = source_id(r)
    counters[(sid, r['classCode'], r['className'])] += 1
    deadline, urgent, derived = deadline_of(r)
    cond = {'id': f"{sid}-{r['classCode']}-{counters[(sid, r['classCode'], r['className'])]}", 'source': sid,
            'sourceClass': {'code': r['classCode'], 'nameZh': r['className']}}
    if target:
        cond['sourceClass']['match'] = target[1]
        cond['sourceClass']['matchBy'] = target[2]
    cond.update({'filingCondition': r['filingCondition'], 'closingCondition': r['closingCondition'], 'deadline': deadline, 'urgent': urgent,
                 'deadlineText': r['deadlineText'], 'departmentType': dept_type(r['responsibleUnit'])})
    if r['responsibleUnit']: cond['responsibleUnit'] = r['responsibleUnit']
    if r['supervisor']: cond['supervisor'] = r['supervisor']
    cond['derived'] = ['departmentType: read from the first responsible unit'] + derived
    if r.get('deadlineNote') and not r['deadlineNote'].startswith('printed'): cond['note'] = r['deadlineNote']
    if r.get('note'): cond['note'] = (cond.get('note', '') + '; ' if cond.get('note') else '') + r['note']
    if target:
        national.setdefault((kind, target[0]), []).append(cond)
    else:
        assert r['city'] == '运城市', key
        local.setdefault((r['kind'], r['classCode'], r['className'], r['bigClassName']), []).append(cond)

rule_classes = [{'kind': k, 'code': c, 'conditions': conds} for (k, c), conds in sorted(national.items())]
write('case-rules/gbt47678.json', {'$schema': '../../schema/case-rules.schema.json', 'scheme': 'gbt47678',
   'cityPrecedence': ['运城市', '济源市', '未署名区'], 'sources': SOURCES, 'classes': rule_classes})
print('national rule classes', len(rule_classes), 'conditions', sum(len(x['conditions']) for x in rule_classes))
print('local classes', len(local), 'conditions', sum(len(v) for v in local.values()))

# ---- defaults: modal deadline / department type of the documented rows of the major ----
gb_major_of = {('component', x['code']): x['bigClass'] for x in gb_comp}
gb_major_of.update({('event', x['code']): x['bigClass'] for x in gb_ev})
def modal(conds):
    eff = [c for c in conds]
    dl = collections.Counter((c['deadline']['value'], c['deadline']['unit'], c['urgent']) for c in eff).most_common(1)[0][0]
    dt = collections.Counter(c['departmentType'] for c in eff).most_common(1)[0][0]
    return dl, dt, len(eff)
by_major = collections.defaultdict(list)
for (k, c), conds in national.items():
    first_city = [x for x in conds if SOURCES[[s['id'] for s in SOURCES].index(x['source'])]['city'] == '运城市'] or conds
    by_major[(k, gb_major_of[(k, c)])].extend(first_city)
    if k == 'component':
        by_major[('event', gb_major_of[(k, c)])].extend(first_city)
by_kind = collections.defaultdict(list)
for (k, m), conds in by_major.items(): by_kind[k].extend(conds)
defaults = []
def default_entry(scheme, kind, major, conds, fallback_kind):
    basis_conds = conds or by_kind[fallback_kind]
    (v, u, urgent), dt, n = modal(basis_conds)
    return {'scheme': scheme, 'kind': kind, 'majorCode': major,
            'filingCondition': '经核实属于本类问题（默认立案条件，待本市立案标准覆盖）', 'closingCondition': '问题已处置完毕（默认结案条件）',
            'deadline': {'value': v, 'unit': u}, 'urgent': urgent, 'departmentType': dt,
            'basis': (f'modal deadline and department type of the {n} documented conditions in this major class' if conds
                      else f'no documented condition in this major class: modal deadline and department type of all {n} documented {fallback_kind} conditions')}
for scheme, kind, entries in [('gbt47678', 'component', gb_comp), ('gbt47678', 'event', gb_ev), ('legacy', 'component', lg_comp), ('legacy', 'event', lg_ev)]:
    for major in sorted({x['bigClass'] for x in entries}):
        if scheme == 'gbt47678':
            conds = by_major.get((kind, major), [])
        else:
            conds = []
            for c in cw:
                if c['kind'] == kind and c['match'] != 'partial' and c['fromCode'][:2] == major:
                    conds.extend(national.get((kind, c['toCode']), []))
        defaults.append(default_entry(scheme, kind, major, conds, kind))
write('case-rules/defaults.json', {'$schema': '../../schema/case-rule-defaults.schema.json', 'defaults': defaults})

# ---- Yuncheng overlay: its local classes (rows with no national class) ----
YC_EVENT_MAJOR = {'01': '06', '02': '07', '03': '08', '04': '09', '05': '90', '06': '10'}
ext = []
for (kind, code, name, big), conds in local.items():
    major = code[:2] if kind == 'component' else YC_EVENT_MAJOR[code[:2]]
    newcode = major + '0' + code[2:]
    for c in conds:
        c.pop('sourceClass', None)
    ext.append({'kind': kind, 'code': newcode, 'majorCode': major, 'nameZh': name, 'localCode': code,
                'conditions': conds})
codes = collections.Counter((e['kind'], e['code']) for e in ext)
assert max(codes.values()) == 1, codes.most_common(3)
nat_codes = {('component', x['code']) for x in gb_comp} | {('event', x['code']) for x in gb_ev}
assert not any((e['kind'], e['code']) in nat_codes for e in ext)
yc_default = default_entry('gbt47678', 'event', '90', [c for e in ext if e['majorCode'] == '90' for c in e['conditions']], 'event')
write('overlays/yuncheng.json', {'$schema': '../../schema/overlay.schema.json', 'city': '运城市', 'scheme': 'gbt47678',
  'description': '运城市 local classes from its 立案、处置和结案标准 that have no GB/T 47678.5-2026 counterpart. Codes: national major + "0" + the city\'s 2-digit small-class number; the city\'s event big classes 01–04 and 06 map to 06–09 and 10, its 05 突发事件 to the extension major 90.',
  'sources': [s for s in SOURCES if s['city'] == '运城市'],
  'extensionMajors': [{'kind': 'event', 'code': '90', 'nameZh': '突发事件', 'nameEn': 'Emergencies',
                       'default': {k: yc_default[k] for k in ('filingCondition', 'closingCondition', 'deadline', 'urgent', 'departmentType')}}],
  'extensions': ext})
print('yuncheng extensions', len(ext))
