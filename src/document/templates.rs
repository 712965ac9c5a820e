//! Boards that ship with the app, kept as documents in the standard format
//! (`templates/*.json`) and read through [`super::restore`] like any other.

use crate::model::Board;

/// A board to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// No items and no guidance.
    Blank,
    /// The book's three tenets and persona for each phase, no items.
    ValueFlywheel,
    /// The seed article's example: a central data factory moving to a data mesh.
    DataFactory,
}

impl Template {
    /// Every template, in the order they are offered.
    pub const ALL: [Template; 3] = [
        Template::Blank,
        Template::ValueFlywheel,
        Template::DataFactory,
    ];

    /// The template's name.
    pub fn name(self) -> &'static str {
        match self {
            Template::Blank => "Blank",
            Template::ValueFlywheel => "Value Flywheel",
            Template::DataFactory => "Data factory to data mesh",
        }
    }

    /// One line on what the template holds.
    pub fn description(self) -> &'static str {
        match self {
            Template::Blank => "An empty wheel: no items and no guidance.",
            Template::ValueFlywheel => {
                "Each phase's guidance holds the book's three tenets and persona."
            }
            Template::DataFactory => {
                "The seed article's example: a central data factory moving to a data mesh, \
                 with goals, challenges, actions, metrics and links."
            }
        }
    }

    fn document(self) -> &'static str {
        match self {
            Template::Blank => include_str!("templates/blank.json"),
            Template::ValueFlywheel => include_str!("templates/value-flywheel.json"),
            Template::DataFactory => include_str!("templates/data-factory.json"),
        }
    }

    /// The template as a board. Templates are part of the build and tested
    /// to load; if one ever failed, a blank board is the safe answer.
    pub fn board(self) -> Board {
        super::restore(self.document()).map_or_else(|_| Board::blank(), |restored| restored.board)
    }
}

/// The seed article's example, which a first start shows.
pub fn data_factory() -> Board {
    Template::DataFactory.board()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    #[test]
    fn every_template_loads_without_repairs() {
        for template in Template::ALL {
            let restored = super::super::restore(template.document()).unwrap();
            assert!(
                restored.repairs.is_empty(),
                "{template:?}: {:?}",
                restored.repairs
            );
            assert_eq!(
                restored.migrated_from, None,
                "{template:?} is in the current format"
            );
            assert_eq!(template.board(), restored.board);
        }
    }

    #[test]
    fn the_data_factory_template_fills_every_phase_and_links_them() {
        let board = data_factory();
        for phase in Phase::ALL {
            assert!(board.count_in(phase) >= 2, "{phase:?}");
        }
        assert!(!board.north_star.is_empty());
        assert!(board.links.len() >= 6);
    }

    #[test]
    fn the_value_flywheel_template_carries_three_tenets_and_a_persona_per_phase() {
        let board = Template::ValueFlywheel.board();
        let people: Vec<&str> = Phase::ALL
            .iter()
            .map(|phase| board.guidance_for(*phase).people.as_str())
            .collect();
        assert_eq!(people, ["CEO", "Engineers", "Product leaders", "CTO"]);
        for phase in Phase::ALL {
            assert_eq!(board.guidance_for(phase).tenets.len(), 3);
        }
        assert!(board.items.is_empty());
    }

    #[test]
    fn the_blank_template_is_empty() {
        let board = Template::Blank.board();
        assert!(board.items.is_empty());
        assert!(Phase::ALL
            .iter()
            .all(|p| board.guidance_for(*p).tenets.is_empty()));
    }
}
