//! Checks of a flow as a graph: where its branches lead, who its arrows join,
//! and that it only goes round where it says so. A diagram is drawn from
//! these facts, so a dangling branch or an arrow from nowhere would draw a
//! figure that lies; they are reported at the place they were written.

use std::collections::HashSet;

use super::{Checker, closest};
use crate::messages::{IdKind, Msg};
use crate::model::{Flow, Id, Municipality, Step};

impl Checker<'_> {
    /// The graph checks of every flow of `city`.
    pub(super) fn flow_graphs(&mut self, city: &Municipality, orgs: &HashSet<&str>) {
        for flow in &city.flows {
            for o in &flow.organisations {
                self.resolve(flow.file, o, IdKind::Organisation, orgs);
            }
            for step in &flow.steps {
                self.branches(city, flow, step);
                self.arrows(flow, step, orgs);
            }
            self.cycles(flow);
        }
    }

    fn branches(&mut self, city: &Municipality, flow: &Flow, step: &Step) {
        for n in step.next.iter().flatten() {
            let target_flow = match &n.flow {
                Some(f) => match city.flows.iter().find(|x| x.id.get_ref() == f.get_ref()) {
                    Some(x) => x,
                    None => {
                        let known = city.flows.iter().map(|x| x.id.get_ref().as_str());
                        let suggestion = closest(f.get_ref(), known).map(str::to_string);
                        self.err(
                            flow.file,
                            f,
                            Msg::UnknownId {
                                kind: IdKind::Flow,
                                id: f.get_ref().clone(),
                                suggestion,
                            },
                        );
                        continue;
                    }
                },
                None => flow,
            };
            let Some(s) = &n.step else {
                if n.flow.is_none() && n.outcome.is_none() {
                    self.err(
                        flow.file,
                        &step.id,
                        Msg::NextLeadsNowhere {
                            step: step.id.get_ref().clone(),
                        },
                    );
                }
                continue;
            };
            if !target_flow
                .steps
                .iter()
                .any(|x| x.id.get_ref() == s.get_ref())
            {
                let known = target_flow.steps.iter().map(|x| x.id.get_ref().as_str());
                let suggestion = closest(s.get_ref(), known).map(str::to_string);
                self.err(
                    flow.file,
                    s,
                    Msg::NotAStepOfFlow {
                        from: step.id.get_ref().clone(),
                        to: s.get_ref().clone(),
                        flow: target_flow.id.get_ref().clone(),
                        suggestion,
                    },
                );
            }
        }
    }

    fn arrows(&mut self, flow: &Flow, step: &Step, orgs: &HashSet<&str>) {
        let involved = flow.involved();
        // An unknown organisation is reported where it is written; until it is
        // fixed, who the flow involves is not known, so say nothing more.
        let lanes_known = involved.iter().all(|o| orgs.contains(o));
        let mut senders: Vec<(&Id, &str)> = Vec::new();
        for d in &step.documents {
            if let Some(from) = &d.from {
                senders.push((from, d.name.as_str()));
            }
        }
        for m in &step.messages {
            for party in std::iter::once(&m.from).chain(&m.to) {
                self.resolve(flow.file, party, IdKind::Organisation, orgs);
            }
            senders.push((&m.from, m.what.as_str()));
        }
        for (party, what) in senders {
            let id = party.get_ref().as_str();
            if lanes_known && orgs.contains(id) && !involved.contains(&id) {
                self.err(
                    flow.file,
                    party,
                    Msg::HandedOnByUninvolved {
                        what: what.to_string(),
                        id: id.to_string(),
                        flow: flow.id.get_ref().clone(),
                    },
                );
            }
        }
    }

    fn cycles(&mut self, flow: &Flow) {
        let edges = flow.ways();
        let n = flow.steps.len();
        let mut succ = vec![Vec::new(); n];
        for e in edges.iter().filter(|e| !e.next.is_some_and(|x| x.is_loop)) {
            succ[e.from].push(e.to);
        }
        // Every cycle takes at least one way back up the list (the order
        // only leads down), so checking those ways finds every cycle.
        for e in &edges {
            let Some(next) = e.next else { continue };
            if next.is_loop || e.to > e.from {
                continue;
            }
            if reaches(&succ, e.to, e.from) {
                let at = next.step.as_ref().unwrap_or(&flow.steps[e.from].id);
                self.err(
                    flow.file,
                    at,
                    Msg::UndeclaredLoop {
                        from: flow.steps[e.from].id.get_ref().clone(),
                        to: flow.steps[e.to].id.get_ref().clone(),
                    },
                );
            }
        }
    }
}

/// Whether `to` can be reached from `from` along `succ`.
fn reaches(succ: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut seen = vec![false; succ.len()];
    let mut stack = vec![from];
    while let Some(i) = stack.pop() {
        if i == to {
            return true;
        }
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(&succ[i]);
    }
    false
}
