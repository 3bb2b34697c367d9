//! The command line: clap parses into [`Arguments`]; [`Arguments::validate`]
//! turns them into a typed [`Config`] before any command sees them.

use crate::clock;
use crate::import::decode::Encoding;
use crate::model::Status;
use crate::render::Format;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "rectify",
    version,
    about = "整改台账:把整改方案变成可核对的台账",
    long_about = "整改台账:把整改方案(plan/plan.toml)与各单位的进展台账(reports/*.toml)放在一起,\n随时查看每条措施的状态、逾期与临近时限。"
)]
pub struct Arguments {
    // Workspace folder (holds plan/plan.toml and reports/)
    #[arg(help = "工作区目录(含 plan/plan.toml 与 reports/);默认从当前目录向上查找")]
    #[arg(
        short = 'C',
        long = "workspace",
        env = "RECTIFY_WORKSPACE",
        global = true,
        value_name = "DIR"
    )]
    pub workspace: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every view takes.
#[derive(Debug, Args)]
pub struct ViewArgs {
    // The day to view, YYYY-MM-DD (default: today)
    #[arg(help = "查看哪一天的情况,YYYY-MM-DD(默认今天)")]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    // Output format
    #[arg(help = "输出格式:table(表格/文字)、json,或 csv(表格视图,供 Excel/WPS 打开)")]
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    // Units file: aliases, the office, names that contain 、
    #[arg(help = "单位文件:别名、领导小组办公室、含“、”的单位名称")]
    #[arg(long, value_name = "FILE")]
    pub units: Option<PathBuf>,
    // Text encoding of the notice: utf-8 or gbk/gb18030 (default: detect)
    #[arg(help = "通知的文字编码:utf-8 或 gbk/gb18030(默认自动识别)")]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    // Write the plan even when the counts the notice states do not match
    #[arg(help = "通知所述措施数与实际找到的不符时仍然写出计划")]
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    // Make a new workspace with a copy of a plan
    #[command(about = "新建工作区,并复制一份计划")]
    Init {
        dir: PathBuf,
        // Plan file to copy (default: the shipped Anning plan)
        #[arg(help = "要复制的计划文件(默认:随附的安宁市整改方案)")]
        #[arg(long, value_name = "FILE", conflicts_with = "from")]
        plan: Option<PathBuf>,
        // Make the plan by importing this notice
        #[arg(help = "从这份通知导入计划")]
        #[arg(long, value_name = "NOTICE")]
        from: Option<PathBuf>,
        #[command(flatten)]
        import: ImportArgs,
    },
    // Turn a notice (整改方案 text) into a plan file
    #[command(about = "把整改方案通知转换为计划文件")]
    Import {
        notice: PathBuf,
        // Where to write the plan (default: standard output)
        #[arg(help = "计划写到哪里(默认:标准输出)")]
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        // Only report what was found; write nothing
        #[arg(help = "只报告找到了什么,不写任何文件")]
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        import: ImportArgs,
        // Output format for --check and the report
        #[arg(help = "--check 与报告的输出格式")]
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    // Append a progress entry to a unit's ledger
    #[command(about = "在本单位台账中追加一条进展记录")]
    Log {
        // Measure id, e.g. 5.1 or 3.5.2
        #[arg(help = "措施编号,如 5.1 或 3.5.2")]
        id: String,
        // The unit: canonical name, alias, or an unambiguous part of one
        #[arg(help = "单位:规范名称、别名,或能唯一确定的部分名称")]
        #[arg(long)]
        unit: String,
        // in_progress (推进中), phased (取得阶段性成效) or done (已完成)
        #[arg(help = "状态:in_progress(推进中)、phased(取得阶段性成效)或 done(已完成)")]
        #[arg(long)]
        status: String,
        // 整改进展情况
        #[arg(help = "整改进展情况")]
        #[arg(long)]
        progress: String,
        // 发现的问题
        #[arg(help = "发现的问题")]
        #[arg(long)]
        problems: Option<String>,
        // 下步工作措施
        #[arg(help = "下步工作措施")]
        #[arg(long)]
        next: Option<String>,
        // The day the progress was made (default: today)
        #[arg(help = "取得进展的日期(默认今天)")]
        #[arg(long)]
        date: Option<String>,
        // The officer recording it
        #[arg(help = "记录人")]
        #[arg(long)]
        by: Option<String>,
    },
    // Every measure's status on a day
    #[command(about = "各项措施在某一天的状态")]
    Status {
        #[command(flatten)]
        view: ViewArgs,
        // Only measures this unit leads or shares
        #[arg(help = "只看该单位牵头或参与的措施")]
        #[arg(long)]
        unit: Option<String>,
        // Only measures of this problem (1-12)
        #[arg(help = "只看第几项问题的措施")]
        #[arg(long)]
        problem: Option<u32>,
    },
    // Overdue measures, most days overdue first
    #[command(about = "逾期的措施,逾期最久的在前")]
    Overdue {
        #[command(flatten)]
        view: ViewArgs,
    },
    // Unmet milestones in the coming days, by date
    #[command(about = "今后若干天内到期的时限节点,按日期分组")]
    Deadlines {
        #[command(flatten)]
        view: ViewArgs,
        // How many days ahead
        #[arg(help = "向后看多少天")]
        #[arg(long, default_value_t = 30)]
        within: u32,
    },
    // One measure in full, with its history
    #[command(about = "一项措施的全部内容与进展记录")]
    Show {
        id: String,
        #[command(flatten)]
        view: ViewArgs,
    },
    // Units, what they lead and share, and their ledgers
    #[command(about = "各单位牵头、参与的措施数与台账条目数")]
    Units {
        #[command(flatten)]
        view: ViewArgs,
    },
    // A unit's monthly report (整改情况报告), or the office's roll-up
    #[command(about = "单位的月度整改情况报告,或领导小组办公室的汇总报告")]
    Summary {
        // The month, YYYY-MM
        #[arg(help = "月份,YYYY-MM")]
        #[arg(long)]
        month: String,
        // The unit whose report to print (without it: the office's roll-up)
        #[arg(help = "哪个单位的报告(不写则为汇总报告)")]
        #[arg(long)]
        unit: Option<String>,
        // Write the report to this file instead of standard output
        #[arg(help = "把报告写入这个文件,而不是标准输出")]
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        // Write the report as a Word document (.docx) in official layout
        #[arg(help = "把报告写成公文格式的 Word 文档(.docx);与 --all-units 同用时为目录")]
        #[arg(long, value_name = "FILE|DIR", conflicts_with = "out")]
        docx: Option<PathBuf>,
        // Every unit's report, one file each, into the --docx folder
        #[arg(help = "为每个单位各写一份报告,放在 --docx 指定的目录中")]
        #[arg(long, requires = "docx", conflicts_with = "unit")]
        all_units: bool,
        // Replace files that exist
        #[arg(help = "文件已存在时覆盖")]
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        view: ViewArgs,
    },
    // Units that have not reported by a reporting deadline (催报)
    #[command(about = "催报:到报送期限仍未报送的单位")]
    Missing {
        // The reporting deadline, YYYY-MM-DD (default: the latest on or before --as-of)
        #[arg(help = "报送期限,YYYY-MM-DD(默认 --as-of 当天或之前最近的一个)")]
        #[arg(long)]
        due: Option<String>,
        // One 催报通知 per late unit, as .docx files in this folder
        #[arg(help = "为每个未报送的单位各写一份催报通知(.docx),放在这个目录中")]
        #[arg(long, value_name = "DIR")]
        docx: Option<PathBuf>,
        // Replace files that exist
        #[arg(help = "文件已存在时覆盖")]
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        view: ViewArgs,
    },
    // Sign a done measure off (销号); the office's act
    #[command(about = "销号:领导小组办公室对已完成的措施销号")]
    Signoff {
        id: String,
        #[command(flatten)]
        office: OfficeArgs,
    },
    // Reopen a signed-off measure; the office's act
    #[command(about = "重新打开已销号的措施(领导小组办公室)")]
    Reopen {
        id: String,
        #[command(flatten)]
        office: OfficeArgs,
    },
    // The ledger as an Excel/WPS workbook
    #[command(about = "把整改台账导出为 Excel/WPS 工作簿(.xlsx)")]
    Export(ExportArgs),
    // The dashboard as one self-contained HTML page
    #[command(about = "生成整改工作看板(单个 HTML 文件,可离线打开)")]
    Dashboard(DashboardArgs),
    // Audit the plan and every ledger
    #[command(about = "检查计划与全部台账,列出问题")]
    Check {
        #[command(flatten)]
        view: ViewArgs,
    },
}

/// `export`: where to write the workbook and what to put in it.
#[derive(Debug, Args)]
pub struct ExportArgs {
    // The workbook to write (.xlsx)
    #[arg(help = "要写出的工作簿(.xlsx)")]
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: PathBuf,
    // Only measures this unit leads or shares
    #[arg(help = "只导出该单位牵头或参与的措施")]
    #[arg(long)]
    pub unit: Option<String>,
    // Only measures of this problem
    #[arg(help = "只导出第几项问题的措施")]
    #[arg(long)]
    pub problem: Option<u32>,
    // Add a second sheet with every progress entry
    #[arg(help = "另加一张工作表,列出全部进展记录")]
    #[arg(long)]
    pub history: bool,
    // Replace the file if it exists
    #[arg(help = "文件已存在时覆盖")]
    #[arg(long)]
    pub force: bool,
    // The day to view, YYYY-MM-DD (default: today)
    #[arg(help = "查看哪一天的情况,YYYY-MM-DD(默认今天)")]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// `dashboard`: where to write the page.
#[derive(Debug, Args)]
pub struct DashboardArgs {
    // The page to write (.html)
    #[arg(help = "要写出的网页(.html)")]
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: PathBuf,
    // Replace the file if it exists
    #[arg(help = "文件已存在时覆盖")]
    #[arg(long)]
    pub force: bool,
    // The day to view, YYYY-MM-DD (default: today)
    #[arg(help = "查看哪一天的情况,YYYY-MM-DD(默认今天)")]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DashboardOpts {
    pub output: PathBuf,
    pub force: bool,
    pub as_of: NaiveDate,
}

impl DashboardArgs {
    fn validate(self) -> Result<DashboardOpts> {
        Ok(DashboardOpts {
            output: self.output,
            force: self.force,
            as_of: as_of_or_today(self.as_of)?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct ExportOpts {
    pub output: PathBuf,
    pub unit: Option<String>,
    pub problem: Option<u32>,
    pub history: bool,
    pub force: bool,
    pub as_of: NaiveDate,
}

impl ExportArgs {
    fn validate(self) -> Result<ExportOpts> {
        let ext = self.output.extension().map(|e| e.to_ascii_lowercase());
        if ext.as_deref() != Some(std::ffi::OsStr::new("xlsx")) {
            let d = crate::diagnostic::Diagnostic::error(format!(
                "-o: {} 不是 .xlsx 文件",
                self.output.display()
            ))
            .help("写成 台账.xlsx 这样的文件名");
            return Err(crate::diagnostic::Diagnostics(vec![d]).into());
        }
        Ok(ExportOpts {
            output: self.output,
            unit: self.unit,
            problem: self.problem,
            history: self.history,
            force: self.force,
            as_of: as_of_or_today(self.as_of)?,
        })
    }
}

/// `--as-of`, defaulting to today.
fn as_of_or_today(text: Option<String>) -> Result<NaiveDate> {
    match text {
        Some(t) => clock::parse_date(&t).context("--as-of"),
        None => clock::today(),
    }
}

/// What the office records when it signs off or reopens.
#[derive(Debug, Args)]
pub struct OfficeArgs {
    // Who in the office decides
    #[arg(help = "由谁决定")]
    #[arg(long)]
    pub by: String,
    // The grounds (核查情况、理由)
    #[arg(help = "依据或理由(核查情况)")]
    #[arg(long)]
    pub note: String,
    // The day of the decision (default: today)
    #[arg(help = "决定的日期(默认今天)")]
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OfficeOpts {
    pub id: String,
    pub by: String,
    pub note: String,
    pub date: NaiveDate,
}

impl OfficeArgs {
    fn validate(self, id: String) -> Result<OfficeOpts> {
        if self.by.trim().is_empty() {
            bail!("--by: 请写明由谁决定");
        }
        if self.note.trim().is_empty() {
            bail!("--note: 请写明依据或理由");
        }
        let date = past_or_today(self.date)?;
        Ok(OfficeOpts {
            id: id.trim().to_string(),
            by: self.by.trim().to_string(),
            note: self.note.trim().to_string(),
            date,
        })
    }
}

/// `--date`, defaulting to today and never after it.
fn past_or_today(date: Option<String>) -> Result<NaiveDate> {
    let today = clock::today()?;
    let date = match date {
        Some(d) => clock::parse_date(&d).context("--date")?,
        None => today,
    };
    if date > today {
        bail!("--date: {date} 晚于今天({today});只能记录已经发生的事");
    }
    Ok(date)
}

/// `YYYY-MM` to the first day of that month.
fn parse_month(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
        .ok()
        .with_context(|| format!("--month: “{text}”不是有效的月份,应写作 YYYY-MM"))
}

/// Validated view options.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub as_of: NaiveDate,
    pub format: Format,
}

#[derive(Debug, Clone)]
pub struct ImportOpts {
    pub units: Option<PathBuf>,
    pub encoding: Option<Encoding>,
    pub force: bool,
}

/// A command with typed options.
#[derive(Debug, Clone)]
pub enum Config {
    Init {
        dir: PathBuf,
        plan: Option<PathBuf>,
        from: Option<PathBuf>,
        import: ImportOpts,
    },
    Import {
        notice: PathBuf,
        output: Option<PathBuf>,
        check: bool,
        import: ImportOpts,
        format: Format,
    },
    Log(LogOpts),
    Status {
        view: View,
        unit: Option<String>,
        problem: Option<u32>,
    },
    Overdue {
        view: View,
    },
    Deadlines {
        view: View,
        within: u32,
    },
    Show {
        id: String,
        view: View,
    },
    Units {
        view: View,
    },
    Summary {
        month: NaiveDate,
        unit: Option<String>,
        out: Option<PathBuf>,
        view: View,
        docx: Option<PathBuf>,
        all_units: bool,
        force: bool,
    },
    Missing {
        due: Option<NaiveDate>,
        view: View,
        docx: Option<PathBuf>,
        force: bool,
    },
    Signoff(OfficeOpts),
    Reopen(OfficeOpts),
    Export(ExportOpts),
    Dashboard(DashboardOpts),
    Check {
        view: View,
    },
}

#[derive(Debug, Clone)]
pub struct LogOpts {
    pub id: String,
    pub unit: String,
    pub status: Status,
    pub progress: String,
    pub problems: Option<String>,
    pub next: Option<String>,
    pub date: NaiveDate,
    pub by: Option<String>,
}

/// Refuses `--format csv` for a command that prints no table.
fn no_csv(format: Format, command: &str) -> Result<()> {
    if format == Format::Csv {
        bail!(
            "--format csv 只用于表格视图(status、overdue、deadlines、units、missing);{command} 可用 table 或 json"
        );
    }
    Ok(())
}

impl ViewArgs {
    fn validate(self) -> Result<View> {
        let as_of = match self.as_of {
            Some(t) => clock::parse_date(&t).context("--as-of")?,
            None => clock::today()?,
        };
        Ok(View {
            as_of,
            format: self.format,
        })
    }
}

impl ImportArgs {
    fn validate(self) -> Result<ImportOpts> {
        let encoding = match self.encoding {
            Some(name) => Some(Encoding::parse(&name).with_context(|| {
                format!("--encoding: 不认识的编码“{name}”;可用 utf-8、gbk、gb18030")
            })?),
            None => None,
        };
        Ok(ImportOpts {
            units: self.units,
            encoding,
            force: self.force,
        })
    }
}

/// Empty after trimming: None.
fn optional_text(t: Option<String>) -> Option<String> {
    t.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

impl Command {
    pub fn validate(self) -> Result<Config> {
        Ok(match self {
            Command::Init {
                dir,
                plan,
                from,
                import,
            } => Config::Init {
                dir,
                plan,
                from,
                import: import.validate()?,
            },
            Command::Import {
                notice,
                output,
                check,
                import,
                format,
            } => Config::Import {
                format: {
                    no_csv(format, "import")?;
                    format
                },
                notice,
                output,
                check,
                import: import.validate()?,
            },
            Command::Log {
                id,
                unit,
                status,
                progress,
                problems,
                next,
                date,
                by,
            } => {
                let parsed = Status::parse(&status).filter(|s| s.is_progress()).with_context(|| {
                    format!("--status: “{status}”无效;可用 in_progress(推进中)、phased(取得阶段性成效)、done(已完成)")
                })?;
                if progress.trim().is_empty() {
                    bail!("--progress: 整改进展情况不能为空");
                }
                let date = past_or_today(date)?;
                Config::Log(LogOpts {
                    id: id.trim().to_string(),
                    unit,
                    status: parsed,
                    progress: progress.trim().to_string(),
                    problems: optional_text(problems),
                    next: optional_text(next),
                    date,
                    by: optional_text(by),
                })
            }
            Command::Status {
                view,
                unit,
                problem,
            } => Config::Status {
                view: view.validate()?,
                unit,
                problem,
            },
            Command::Overdue { view } => Config::Overdue {
                view: view.validate()?,
            },
            Command::Deadlines { view, within } => Config::Deadlines {
                view: view.validate()?,
                within,
            },
            Command::Show { id, view } => Config::Show {
                id: id.trim().to_string(),
                view: {
                    no_csv(view.format, "show")?;
                    view.validate()?
                },
            },
            Command::Units { view } => Config::Units {
                view: view.validate()?,
            },
            Command::Summary {
                month,
                unit,
                out,
                view,
                docx,
                all_units,
                force,
            } => Config::Summary {
                docx,
                all_units,
                force,
                month: parse_month(&month)?,
                unit,
                out,
                view: {
                    no_csv(view.format, "summary")?;
                    view.validate()?
                },
            },
            Command::Missing {
                due,
                view,
                docx,
                force,
            } => Config::Missing {
                docx,
                force,
                due: due
                    .map(|d| clock::parse_date(&d).context("--due"))
                    .transpose()?,
                view: view.validate()?,
            },
            Command::Signoff { id, office } => Config::Signoff(office.validate(id)?),
            Command::Reopen { id, office } => Config::Reopen(office.validate(id)?),
            Command::Export(args) => Config::Export(args.validate()?),
            Command::Dashboard(args) => Config::Dashboard(args.validate()?),
            Command::Check { view } => Config::Check {
                view: {
                    no_csv(view.format, "check")?;
                    view.validate()?
                },
            },
        })
    }
}
