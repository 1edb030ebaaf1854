/**
 * The OCDS publication policy (what is published, when, what is withheld and why), as a plain HTML
 * page at /ocds/publication-policy — the `publicationPolicy` of every package links here. Also the
 * extension's documentation (#extension).
 */
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function publicationPolicyHtml(base: string, prefix: string): string {
  const b = esc(base);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府向社会力量购买服务 · OCDS 数据发布政策 / Publication policy</title>
<style>body{font:16px/1.7 system-ui,"WenQuanYi Micro Hei",sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}code{background:#f4f4f4;padding:0 .25rem}
td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}table{border-collapse:collapse}</style></head><body>
<h1>政府向社会力量购买服务 · 开放合同数据（OCDS 1.1.5）发布政策</h1>
<p lang="en"><em>Open Contracting Data Standard 1.1.5 publication policy of the Linli platform's purchase of services. English below each section.</em></p>

<h2 id="what">一、发布什么 / What is published</h2>
<p>每一轮购买服务（一次招募）是一个开放合同过程，ocid 为 <code>${esc(prefix)}-&lt;区划代码&gt;-&lt;年度&gt;-&lt;轮次&gt;</code>。每个事件发布一个 release，日期为事件发生的时间，只包含该时间已知的信息：</p>
<table><tr><th>事件</th><th>release 标签</th><th>日期</th></tr>
<tr><td>社区需求汇总、预算</td><td>planning</td><td>发布招募前最后一条需求登记时</td></tr>
<tr><td>发布招募公告（范围、预算、资格、截止时间、路演评审规则）</td><td>tender</td><td>公告发布时</td></tr>
<tr><td>申报截止：申报单位名单</td><td>tenderUpdate</td><td>截止时间</td></tr>
<tr><td>公示推荐项目（待定）及汇总得分</td><td>award</td><td>公示开始时</td></tr>
<tr><td>公示期异议成立、取消推荐</td><td>awardUpdate</td><td>答复时</td></tr>
<tr><td>公示期满确定立项，招募完成</td><td>awardUpdate, tenderUpdate</td><td>确定时</td></tr>
<tr><td>签订合同（里程碑计划）</td><td>contract</td><td>签约时</td></tr>
<tr><td>验收里程碑、拨付资金、截至当日的服务开展情况</td><td>implementation / implementationUpdate</td><td>验收拨付时</td></tr>
<tr><td>终期评估、合同履行完毕</td><td>contractTermination</td><td>评估时</td></tr></table>
<p lang="en">Each round is one contracting process. One release per event, dated when the event happened and holding only what was known then: planning, tender, the closing of the tender period (tenderers), the recommended awards on public notice (pending), cancellations on upheld objections, the final awards, each contract signature, each accepted milestone with its payment and the delivery so far, and the final evaluation (contract termination).</p>

<h2 id="where">二、在哪里 / Where</h2>
<ul>
<li>记录包（record package，含 compiledRelease 与 versionedRelease，按 OCDS 合并规则生成）：<a href="${b}/ocds/records">${b}/ocds/records</a></li>
<li>全部 release，按日期分页（<code>since</code>、<code>limit</code>，下一页见 <code>links.next</code> 和 HTTP <code>Link</code> 头）：<a href="${b}/ocds/releases">${b}/ocds/releases?since=2025-01-01</a></li>
<li>全量下载（一个 release package）：<a href="${b}/ocds/releases/full.json">${b}/ocds/releases/full.json</a></li>
<li>每一轮的 release package：<code>${b}/api/purchase/rounds/&lt;轮次&gt;/ocds</code></li>
</ul>
<p lang="en">Records at /ocds/records; all releases, paged by date, at /ocds/releases; the full download at /ocds/releases/full.json; one release package per round.</p>

<h2 id="when">三、何时更新 / When</h2>
<p>数据实时生成：事件在平台登记后即出现在上述地址。草稿状态的招募不发布。<span lang="en">Data is generated live: an event appears as soon as it is recorded. Draft rounds are not published.</span></p>

<h2 id="withheld">四、不发布什么、为什么 / What is withheld, and why</h2>
<ul>
<li><b>评审专家个人及其个人打分</b>：只发布每个项目的最终得分、排名、各指标平均分和计分人数。个人打分在全部评委提交前对任何人密封，公开后也只向招募方和评委开放，以保护评审独立、防止对评委施压。<span lang="en">Individual jurors and their scores: only final scores, ranks, per-criterion means and the number of counted jurors are published, to protect the independence of the jury.</span></li>
<li><b>个人信息</b>：申报团队成员、社区居民、服务对象的姓名、电话、身份证号等一律不发布（《个人信息保护法》）；服务开展情况只发布活动次数和受益人次。<span lang="en">Personal data of team members, residents and beneficiaries is never published (Personal Information Protection Law); delivery is published as counts only.</span></li>
<li><b>未成年人</b>：与困境儿童有关的任何信息都不进入本数据。<span lang="en">Nothing about children in difficulty enters this data.</span></li>
<li><b>申报材料附件、预算明细、初筛未通过的理由</b>：只向申报单位本人开放。<span lang="en">Proposal attachments, budget lines and screening reasons are shown to the applicant only.</span></li>
</ul>

<h2 id="identifiers">五、标识 / Identifiers</h2>
<p>社会组织用统一社会信用代码（scheme <code>CN-USCC</code>）；街道、乡镇用统计用区划代码（<code>CN-DIVISION</code>）。合同上沿用 2020 年名称的签约单位（如 东街街道、西街街道、南街街道、北街街道）各自是一个独立的 party（scheme <code>X-LINLI-SIGNATORY</code>），其今天的承继单位作为数据记录在 <code>details.linliSuccessor</code>，而不是合并到同一个 id。ocid 前缀 <code>${esc(prefix)}</code> 在发布方注册自己的前缀之前是占位符。<span lang="en">Organisations by unified social credit code; streets by division code; each signatory that signed under a 2020 name is its own party, its successor kept as data in details.linliSuccessor. The ocid prefix is a placeholder until the publisher registers its own.</span></p>

<h2 id="extension">六、本地扩展 / Local extension</h2>
<p><a href="${b}/api/purchase/ocds/extension.json">extension.json</a>（补丁 <a href="${b}/api/purchase/ocds/release-schema.json">release-schema.json</a>）：<code>tender.linliRoadshow</code>（评审规则）、<code>awards[].linliScore</code>（汇总得分）、<code>contracts[].implementation.linliDelivery</code>（截至 release 日期的活动次数、受益人次）、<code>contracts[].linliFinalEvaluation</code>（终期评估）、<code>parties[].details.linliSuccessor</code>（承继单位）。<span lang="en">The local extension adds the jury rules, aggregated scores, delivery counts, final evaluations and signatory successors; each field is described in its schema patch.</span></p>

<h2 id="license">七、许可 / License</h2>
<p>CC BY 4.0（<a href="https://creativecommons.org/licenses/by/4.0/">https://creativecommons.org/licenses/by/4.0/</a>）。</p>
</body></html>`;
}
