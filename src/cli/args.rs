//! The command line as one typed clap tree: one args struct per subcommand.
//! Doc comments are the help text (Chinese, written once).

use super::candidates;
use super::value::{self, Day, MonthArg};
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::import::decode::Encoding;
use crate::model::{EntryId, MeasureId, Plan, Status};
use crate::render::Format;
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;
use std::path::PathBuf;

/// 整改台账:把整改方案变成可核对的台账
///
/// 把整改方案(plan/plan.toml)与各单位的进展台账(reports/*.toml)放在一起,随时查看每条措施的状态、逾期与临近时限。
#[derive(Debug, Parser)]
#[command(name = "rectify", version)]
pub struct Arguments {
    /// 工作区目录(含 plan/plan.toml 与 reports/);默认从当前目录向上查找
    #[arg(
        short = 'C',
        long = "workspace",
        env = "RECTIFY_WORKSPACE",
        global = true,
        value_name = "目录"
    )]
    pub workspace: Option<PathBuf>,
    #[command(flatten)]
    pub terminal: TerminalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// How output looks on a terminal; every subcommand takes these.
#[derive(Debug, Clone, Args)]
pub struct TerminalArgs {
    /// 何时使用颜色(设置了 NO_COLOR 环境变量时 auto 不用颜色)
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        global = true,
        value_name = "何时"
    )]
    pub color: ColorChoice,
    /// 表格用 ASCII 字符(+-|)画边框,适合不能正确显示制表符的终端
    #[arg(long, global = true)]
    pub ascii: bool,
    /// 表格显示全部文字,不按终端宽度折行
    #[arg(long, global = true)]
    pub wide: bool,
    /// 输出较长时也不用分页程序(less)
    #[arg(long, global = true)]
    pub no_pager: bool,
}

/// The formats of a command that prints no table: text or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    #[value(alias = "text")]
    Table,
    Json,
}

impl From<TextFormat> for Format {
    fn from(f: TextFormat) -> Format {
        match f {
            TextFormat::Table => Format::Table,
            TextFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建工作区,并复制一份计划
    Init(InitArgs),
    /// 把整改方案通知转换为计划文件
    Import(ImportArgs),
    /// 在本单位台账中追加一条进展记录
    Log(LogArgs),
    /// 各项措施在某一天的状态
    Status(StatusArgs),
    /// 逾期的措施,逾期最久的在前
    Overdue(OverdueArgs),
    /// 今后若干天内到期的时限节点,按日期分组
    Deadlines(DeadlinesArgs),
    /// 一项措施的全部内容与进展记录
    Show(ShowArgs),
    /// 各单位牵头、参与的措施数与台账条目数
    Units(UnitsArgs),
    /// 单位的月度整改情况报告,或领导小组办公室的汇总报告
    Summary(SummaryArgs),
    /// 催报:到报送期限仍未报送的单位
    Missing(MissingArgs),
    /// 更正一条记录:追加一条更正记录取代它,原记录保留在历史中
    Amend(AmendArgs),
    /// 撤回一条记录:追加一条撤回记录,原记录不再计入,但保留在历史中
    Withdraw(WithdrawArgs),
    /// 销号:领导小组办公室对已完成的措施销号
    Signoff(OfficeArgs),
    /// 重新打开已销号的措施(领导小组办公室)
    Reopen(OfficeArgs),
    /// 检查计划与全部台账,列出问题
    Check(CheckArgs),
    /// 把 GBK 编码（或带 BOM、只用 CR 换行）的台账转换为 UTF-8，原文件留作备份
    ConvertLedger(ConvertLedgerArgs),
    /// 把整改台账导出为 Excel/WPS 工作簿(.xlsx)
    Export(ExportArgs),
    /// 生成整改工作看板(单个网页文件,可离线打开)
    Dashboard(DashboardArgs),
    /// 生成各单位的月度进展填报表（Excel/WPS 工作簿）
    Template(TemplateArgs),
    /// 导入各单位填好的填报表，检查后记入台账
    Ingest(IngestArgs),
    /// 生成命令行自动补全脚本
    Completions(CompletionsArgs),
    /// 生成 man 手册页(用于发布包)
    #[command(hide = true)]
    Manpage,
}

impl Command {
    /// Where the command's document or table goes, for those that print one.
    pub fn output(&self) -> Option<&OutputArgs> {
        match self {
            Command::Status(a) => Some(&a.view.output),
            Command::Overdue(a) => Some(&a.view.output),
            Command::Deadlines(a) => Some(&a.view.output),
            Command::Show(a) => Some(&a.view.output),
            Command::Units(a) => Some(&a.view.output),
            Command::Summary(a) => Some(&a.view.output),
            Command::Missing(a) => Some(&a.view.output),
            Command::Check(a) => Some(&a.view.output),
            _ => None,
        }
    }
}

/// What reading a notice needs (for `init --from` and `import`); the
/// importer's own settings are `import::ImportOptions`.
#[derive(Debug, Clone, Args)]
pub struct NoticeArgs {
    /// 单位文件:别名、领导小组办公室、含“、”的单位名称
    #[arg(long, value_name = "文件")]
    pub units: Option<PathBuf>,
    /// 通知的文字编码(默认自动识别)
    #[arg(long, value_name = "编码", value_parser = value::encoding)]
    pub encoding: Option<Encoding>,
    /// 通知所述措施数与实际找到的不符时仍然写出计划
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新工作区的目录(不存在时新建)
    #[arg(value_name = "目录")]
    pub dir: PathBuf,
    /// 要复制的计划文件(默认:随附的安宁市整改方案)
    #[arg(long, value_name = "文件", conflicts_with = "from")]
    pub plan: Option<PathBuf>,
    /// 从这份通知导入计划
    #[arg(long, value_name = "通知文件")]
    pub from: Option<PathBuf>,
    #[command(flatten)]
    pub notice: NoticeArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 整改方案通知的文本文件(UTF-8 或 GBK)
    #[arg(value_name = "通知文件")]
    pub notice: PathBuf,
    /// 计划写到哪里(默认:标准输出)
    #[arg(short = 'o', long, value_name = "文件")]
    pub output: Option<PathBuf>,
    /// 只报告找到了什么,不写任何文件
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub notice_args: NoticeArgs,
    /// --check 与报告的输出格式
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    pub format: TextFormat,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// 措施编号,如 1.2、3.5.2(也可写 措施1.2、第1.2条)
    #[arg(add = ArgValueCandidates::new(candidates::measures), value_name = "编号", value_parser = value::measure_id)]
    pub id: MeasureId,
    /// 单位:规范名称、别名或能唯一确定的部分名称(默认取 rectify.toml 中的 unit)
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, env = "RECTIFY_UNIT", value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
    /// 状态:推进中、取得阶段性成效或已完成(也可写 in_progress、phased、done)
    #[arg(short, long, value_name = "状态", value_parser = value::progress_status)]
    pub status: Status,
    /// 整改进展情况
    #[arg(short, long, value_name = "文字", value_parser = value::required_text)]
    pub progress: String,
    /// 发现的问题
    #[arg(long, value_name = "文字", value_parser = value::text)]
    pub problems: Option<String>,
    /// 下步工作措施
    #[arg(long, value_name = "文字", value_parser = value::text)]
    pub next: Option<String>,
    /// 取得进展的日期(默认今天;不能晚于今天)
    #[arg(short, long, value_name = "日期", value_parser = value::day)]
    pub date: Option<Day>,
    /// 记录人(默认取 rectify.toml 中的 by)
    #[arg(short, long, env = "RECTIFY_BY", value_name = "姓名", value_parser = value::text)]
    pub by: Option<String>,
    /// 输出格式:table 为一行说明,json 为记下的条目
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    pub format: TextFormat,
}

impl LogArgs {
    /// `--date`, defaulting to today and never after it.
    pub fn date(&self, plan: &Plan) -> Result<NaiveDate> {
        past_or_today(self.date, plan)
    }
}

/// What `amend` changes in an entry; what is not given is kept.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)))]
pub struct AmendArgs {
    /// 要更正的记录编号(rectify show 措施编号 列出,8 位)
    #[arg(value_name = "记录编号", value_parser = value::entry_id)]
    pub id: EntryId,
    /// 记录所在台账的单位(默认取 rectify.toml 中的 unit;不指明时在全部台账中查找)
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, env = "RECTIFY_UNIT", value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
    /// 改正后的状态:推进中、取得阶段性成效或已完成
    #[arg(short, long, group = "change", value_name = "状态", value_parser = value::progress_status)]
    pub status: Option<Status>,
    /// 改正后的整改进展情况(办公室的记录:依据或理由)
    #[arg(short, long, group = "change", value_name = "文字", value_parser = value::required_text)]
    pub progress: Option<String>,
    /// 改正后的发现的问题(写 "" 表示删去)
    #[arg(long, group = "change", value_name = "文字", value_parser = value::text)]
    pub problems: Option<String>,
    /// 改正后的下步工作措施(写 "" 表示删去)
    #[arg(long, group = "change", value_name = "文字", value_parser = value::text)]
    pub next: Option<String>,
    /// 改正后的日期(不能晚于今天)
    #[arg(short, long, group = "change", value_name = "日期", value_parser = value::day)]
    pub date: Option<Day>,
    /// 记录人(默认取 rectify.toml 中的 by,否则沿用原记录的)
    #[arg(short, long, env = "RECTIFY_BY", value_name = "姓名", value_parser = value::text)]
    pub by: Option<String>,
    /// 输出格式:table 为一行说明,json 为记下的条目
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    pub format: TextFormat,
}

impl AmendArgs {
    /// `--date`, if given, never after today.
    pub fn date(&self, plan: &Plan) -> Result<Option<NaiveDate>> {
        self.date.map(|d| past_or_today(Some(d), plan)).transpose()
    }
}

/// What `withdraw` records.
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// 要撤回的记录编号(rectify show 措施编号 列出,8 位)
    #[arg(value_name = "记录编号", value_parser = value::entry_id)]
    pub id: EntryId,
    /// 记录所在台账的单位(默认取 rectify.toml 中的 unit;不指明时在全部台账中查找)
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, env = "RECTIFY_UNIT", value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
    /// 撤回的原因
    #[arg(short, long, value_name = "文字", value_parser = value::required_text)]
    pub reason: String,
    /// 记录人(默认取 rectify.toml 中的 by)
    #[arg(short, long, env = "RECTIFY_BY", value_name = "姓名", value_parser = value::text)]
    pub by: Option<String>,
    /// 输出格式:table 为一行说明,json 为记下的条目
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    pub format: TextFormat,
}

/// Options every view takes.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// 查看哪一天的情况(默认今天)
    #[arg(long, value_name = "日期", value_parser = value::day)]
    pub as_of: Option<Day>,
    /// 输出格式:table(表格或文字)、json,或 csv(表格视图,可用 WPS 表格打开)
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Where a document or table goes instead of standard output.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// 写入这个文件(UTF-8),而不是显示在屏幕上(也可写 --out)
    #[arg(short = 'o', long = "output", alias = "out", value_name = "文件")]
    pub file: Option<PathBuf>,
    /// 覆盖 -o 指定的已有文件(计划、单位文件与台账永远不会被覆盖)
    #[arg(long)]
    pub force: bool,
}

/// A view's options with the day resolved.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub as_of: NaiveDate,
    pub format: Format,
}

impl ViewArgs {
    /// `--as-of`, defaulting to today; a day without a year takes the plan's.
    pub fn as_of(&self, plan: &Plan) -> Result<NaiveDate> {
        file_as_of(self.as_of, plan)
    }

    pub fn resolve(&self, plan: &Plan) -> Result<View> {
        Ok(View {
            as_of: self.as_of(plan)?,
            format: self.format,
        })
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// 只看该单位牵头或参与的措施
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
    /// 只看第几项问题的措施(如 1、一、(一))
    #[arg(long, value_name = "序号", value_parser = value::problem_number)]
    pub problem: Option<u32>,
}

#[derive(Debug, Args)]
pub struct OverdueArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// 有逾期措施时以退出码 1 结束(供脚本判断)
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// 向后看多少天
    #[arg(long, default_value = "30", value_name = "天数", value_parser = value::days, allow_negative_numbers = true)]
    pub within: u32,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// 措施编号,如 1.2、3.5.2
    #[arg(add = ArgValueCandidates::new(candidates::measures), value_name = "编号", value_parser = value::measure_id)]
    pub id: MeasureId,
    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Args)]
pub struct UnitsArgs {
    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// 月份,如 2022-07、2022年7月、7月(按计划年度)
    #[arg(long, value_name = "月份", value_parser = value::month_arg)]
    pub month: MonthArg,
    /// 哪个单位的报告(不写则为汇总报告)
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
    /// 把报告写成公文格式的文档(.docx);与 --all-units 同用时为目录
    #[arg(long, value_name = "文件或目录", conflicts_with = "file")]
    pub docx: Option<PathBuf>,
    /// 为每个单位各写一份报告,放在 --docx 指定的目录中
    #[arg(long, requires = "docx", conflicts_with = "unit")]
    pub all_units: bool,
    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Args)]
pub struct MissingArgs {
    /// 报送期限(默认 --as-of 当天或之前最近的一个)
    #[arg(long, value_name = "日期", value_parser = value::day)]
    pub due: Option<Day>,
    #[command(flatten)]
    pub view: ViewArgs,
    /// 有未报送的单位时以退出码 1 结束(供脚本判断)
    #[arg(long)]
    pub exit_code: bool,
    /// 为每个未报送的单位各写一份催报通知(.docx),放在这个目录中
    #[arg(long, value_name = "目录", conflicts_with = "file")]
    pub docx: Option<PathBuf>,
}

impl MissingArgs {
    pub fn due(&self, plan: &Plan) -> Result<Option<NaiveDate>> {
        self.due.map(|d| in_plan_year(d, plan, "--due")).transpose()
    }
}

/// What the office records when it signs off or reopens.
#[derive(Debug, Args)]
pub struct OfficeArgs {
    /// 措施编号,如 1.2、3.5.2
    #[arg(add = ArgValueCandidates::new(candidates::measures), value_name = "编号", value_parser = value::measure_id)]
    pub id: MeasureId,
    /// 由谁决定(默认取 rectify.toml 中的 by)
    #[arg(short, long, env = "RECTIFY_BY", value_name = "姓名", value_parser = value::text)]
    pub by: Option<String>,
    /// 依据或理由(核查情况)
    #[arg(short, long, value_name = "文字", value_parser = value::required_text)]
    pub note: String,
    /// 决定的日期(默认今天;不能晚于今天)
    #[arg(short, long, value_name = "日期", value_parser = value::day)]
    pub date: Option<Day>,
    /// 输出格式:table 为一行说明,json 为记下的条目
    #[arg(long, value_enum, default_value = "table", value_name = "格式")]
    pub format: TextFormat,
}

impl OfficeArgs {
    pub fn date(&self, plan: &Plan) -> Result<NaiveDate> {
        past_or_today(self.date, plan)
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// 只列出错误,不列警告
    #[arg(long)]
    pub errors_only: bool,
}

/// `export`: the ledger as a workbook.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 要写出的工作簿(.xlsx)
    #[arg(short = 'o', long = "output", value_name = "文件", value_parser = value::xlsx_path)]
    pub file: PathBuf,
    /// 只导出该单位牵头或参与的措施
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
    /// 只导出第几项问题的措施(如 1、一、(一))
    #[arg(long, value_name = "序号", value_parser = value::problem_number)]
    pub problem: Option<u32>,
    /// 另加一张工作表,列出全部进展记录
    #[arg(long)]
    pub history: bool,
    /// 文件已存在时覆盖(计划、单位文件与台账永远不会被覆盖)
    #[arg(long)]
    pub force: bool,
    /// 查看哪一天的情况(默认今天)
    #[arg(long, value_name = "日期", value_parser = value::day)]
    pub as_of: Option<Day>,
}

/// `dashboard`: the page for leaders.
#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// 要写出的网页文件(.html)
    #[arg(short = 'o', long = "output", value_name = "文件")]
    pub file: PathBuf,
    /// 文件已存在时覆盖(计划、单位文件与台账永远不会被覆盖)
    #[arg(long)]
    pub force: bool,
    /// 查看哪一天的情况(默认今天)
    #[arg(long, value_name = "日期", value_parser = value::day)]
    pub as_of: Option<Day>,
}

/// `template`: the monthly report form of a unit, or of every unit.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// 为哪个单位生成填报表（规范名称、别名或能唯一确定的部分名称）
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, value_name = "单位", value_parser = value::text, required_unless_present = "all", conflicts_with = "all")]
    pub unit: Option<String>,
    /// 为每个牵头或配合措施的单位各生成一份,放在 -o 指定的目录中
    #[arg(long)]
    pub all: bool,
    /// 填报哪个月的进展,如 2022-07、2022年7月（默认：报送日及以前为上月，之后为本月）
    #[arg(long, value_name = "月份", value_parser = value::month_arg)]
    pub month: Option<MonthArg>,
    /// 写到哪里：一个 .xlsx 文件；与 --all 同用时为目录
    #[arg(short = 'o', long = "output", alias = "out", value_name = "文件或目录")]
    pub output: PathBuf,
    /// 文件已存在时覆盖（计划、单位文件与台账永远不会被覆盖）
    #[arg(long)]
    pub force: bool,
    /// 表中“当前状态”“预警”按哪一天计算（默认今天）
    #[arg(long, value_name = "日期", value_parser = value::day)]
    pub as_of: Option<Day>,
}

/// `ingest`: filled report forms into the ledgers.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// 填好的填报表（.xlsx、.xls、.ods 或 .csv），可写多个
    #[arg(value_name = "文件", required = true)]
    pub files: Vec<PathBuf>,
    /// 只检查并列出将要记入的内容，不写入台账
    #[arg(long)]
    pub dry_run: bool,
    /// 核对报送单位：表中的单位不是该单位时拒绝导入
    #[arg(add = ArgValueCandidates::new(candidates::units), short, long, value_name = "单位", value_parser = value::text)]
    pub unit: Option<String>,
}

/// `--as-of` for the commands that write a file: the day, or today.
pub fn file_as_of(day: Option<Day>, plan: &Plan) -> Result<NaiveDate> {
    match day {
        Some(day) => in_plan_year(day, plan, "--as-of"),
        None => Ok(clock::today(plan.zone)?),
    }
}

#[derive(Debug, Args)]
pub struct ConvertLedgerArgs {
    /// 单位：规范名称、别名或能唯一确定的部分名称；转换其台账 reports/<单位>.toml（默认取 rectify.toml 中的 unit）
    #[arg(add = ArgValueCandidates::new(candidates::units), value_name = "单位", env = "RECTIFY_UNIT", value_parser = value::text)]
    pub unit: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// 哪种命令行:bash、zsh、fish 或 powershell
    #[arg(value_enum, value_name = "外壳")]
    pub shell: clap_complete::Shell,
}

/// A typed month completed with the plan's year, which is said on stderr.
pub fn plan_month(m: MonthArg, plan: &Plan) -> NaiveDate {
    match m {
        MonthArg::Full(d) => d,
        MonthArg::NeedsYear(month) => {
            let year = plan.issued.year();
            let d = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(plan.issued);
            eprintln!(
                "提示: --month 按计划年度 {year} 年记为 {}",
                d.format("%Y-%m")
            );
            d
        }
    }
}

/// A typed day completed with the plan's year, which is said on stderr.
fn in_plan_year(day: Day, plan: &Plan, option: &str) -> Result<NaiveDate> {
    let year = plan.issued.year();
    let Some(date) = day.in_year(year) else {
        return Err(Diagnostic::error(format!("{option}: 计划年度 {year} 年没有这一天")).into());
    };
    if let Some(note) = value::year_note(day, date) {
        eprintln!("提示: {option} {note}");
    }
    Ok(date)
}

/// A `--date`, defaulting to today and never after it.
fn past_or_today(day: Option<Day>, plan: &Plan) -> Result<NaiveDate> {
    let today = clock::today(plan.zone)?;
    let date = match day {
        Some(d) => in_plan_year(d, plan, "--date")?,
        None => today,
    };
    if date > today {
        return Err(Diagnostic::error(format!(
            "--date: {date} 晚于今天({today});只能记录已经发生的事"
        ))
        .into());
    }
    Ok(date)
}
