//! View parts shared by the pages: the banners and Add contact row at the top of Home and
//! Contacts, form fields (and a label with a hint for any control), choice lists, the file picker,
//! the one way an outcome or a problem is shown, due lists, a contact's details, the contact form, the conference
//! mode banner, the contact a route names, the talking points beside prepared questions, the
//! deck's draw form, the initials avatar, the menu button, the storage warning, the navigation's
//! icons, the QR code scanner and the **Show more** button of long lists. Components call the domain and `AppState`, never a page.

pub mod add_contact;
pub mod avatar;
pub mod choice;
pub mod conference;
pub mod contact_details;
pub mod contact_form;
pub mod draw_form;
pub mod due;
pub mod field;
pub mod file_picker;
pub mod icons;
pub mod menu;
pub mod outcome;
pub mod routed_contact;
pub mod scanner;
pub mod show_more;
pub mod storage_banner;
pub mod talking_points;
