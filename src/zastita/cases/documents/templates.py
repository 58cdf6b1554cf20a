"""The first templates of a case's documents (the head of service may edit them later on
the documents platform's page). Serbian Cyrillic, as the Center issues them. Those that
leave the Center name the person by the Center's reference only, and never their status."""

MONITORING = """<h1>ОБРАЗАЦ ЗА МОНИТОРИНГ</h1>
<p>Случај: {{ case_number }} · Особа: {{ person_code }}</p>
<p>Период: {{ period_from }} – {{ period_to }}</p>
<h2>Контакти у периоду</h2>
{% if contacts %}<table><thead><tr><th>Датум</th><th>С ким</th><th>Начин</th><th>Трајање</th>
<th>Праћени задаци</th></tr></thead><tbody>
{% for c in contacts %}<tr><td>{{ c.held_on }}</td><td>{{ c.with_whom }}</td><td>{{ c.mode }}</td>
<td>{{ c.minutes }} мин.</td><td>{{ c.tasks }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>Нема забележених контаката у периоду.</p>{% endif %}
<h2>Налаз мониторинга</h2>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Образац сачинио/ла: {{ author_name }}</p>
"""

REVIEW = """<h1>ОБРАЗАЦ ПОНОВНОГ ПРЕГЛЕДА</h1>
<p>Случај: {{ case_number }} · Особа: {{ person_code }}</p>
<p>Датум прегледа: {{ held_on }}</p>
<h2>Напредак по циљевима</h2>
<table><thead><tr><th>Циљ</th><th>Напредак</th></tr></thead><tbody>
{% for g in goals %}<tr><td>{{ g.text }}</td><td>{{ g.progress }}</td></tr>
{% endfor %}</tbody></table>
<h2>Процена</h2>
<div class="text">{{ assessment|linebreaks }}</div>
<p>Одлука: {{ outcome }}</p>
<p class="sign">Преглед обавио/ла: {{ author_name }}</p>
"""

ANALYSIS = """<h1>АНАЛИЗА ДОКУМЕНТАЦИЈЕ</h1>
<p>Случај: {{ case_number }} · Особа: {{ person_code }} · Статус случаја: {{ status }}</p>
<h2>Документација случаја</h2>
<ul>
<li>Планови заштите: {{ plans_count }}</li>
<li>Ангажоване услуге: {{ engagements_count }}</li>
<li>Контакти мониторинга: {{ contacts_count }}</li>
<li>Поновни прегледи: {{ reviews_count }}</li>
</ul>
<h2>Анализа</h2>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Анализу сачинио/ла: {{ author_name }}</p>
"""

# Addressed outside the Center: the person by the Center's reference, what they agreed to
# share with this provider, and what the author writes; no status, no address.
PROCEEDINGS_CLIENT = """<h1>ОБРАЗАЦ О НОВОЈ КОРИСНИЦИ / НОВОМ КОРИСНИКУ
РАДИ ПРУЖАЊА ПОДРШКЕ ТОКОМ ПОСТУПКА</h1>
<p>Референца Центра: {{ case_number }}</p>
{% if services %}<p>Ангажовано за поступак: {{ services }}</p>{% endif %}
<h2>Потребна подршка</h2>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Контакт у Центру: {{ author_name }}</p>
"""

PROVIDER_INFO = """<h1>{{ heading }}</h1>
<p>За: {{ provider }} · Услуга: {{ service }}</p>
<p>Референца Центра: {{ case_number }} · Затражено: {{ requested_on }}</p>
{% if shared %}<h2>Циљеви које је особа пристала да подели са вама</h2>
<ul>{% for goal in shared %}<li>{{ goal }}</li>{% endfor %}</ul>{% endif %}
<h2>Информације потребне за ангажовање</h2>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Контакт у Центру: {{ author_name }}</p>
"""

REPORT_REQUEST = """<h1>ЗАХТЕВ ЗА ДОСТАВЉАЊЕ ИЗВЕШТАЈА</h1>
<p>За: {{ provider }} · Услуга: {{ service }}</p>
<p>Референца Центра: {{ case_number }} · Услуга пружана од: {{ started_on }}</p>
<p>Ради евалуације подршке и поновног прегледа, молимо вас да доставите извештај о пруженој
услузи.</p>
<div class="text">{{ text|linebreaks }}</div>
<p class="sign">Контакт у Центру: {{ author_name }}</p>
"""
